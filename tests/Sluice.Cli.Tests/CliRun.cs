namespace Sluice.Cli.Tests;

/// <summary>Runs the CLI's entry point in process with captured standard output and error.</summary>
internal sealed class CliRun
{
    private CliRun(int exitCode, string output, string error)
    {
        ExitCode = exitCode;
        Output = output;
        Error = error;
    }

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    public static CliRun Of(int exitCode, string output, string error) => new(exitCode, output, error);

    public static async Task<CliRun> RunAsync(string currentDirectory, string? input, params string[] args)
    {
        var (console, output, error) = Console(currentDirectory, input);
        var code = await Program.RunAsync(args, console);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static (CliConsole Console, StringWriter Output, StringWriter Error) Console(string currentDirectory, string? input = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = CliConsole.Create(TextWriter.Synchronized(output), TextWriter.Synchronized(error), new StringReader(input ?? ""),
            currentDirectory, homeDirectory: null);
        return (console, output, error);
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
