using System.CommandLine;
using Sluice.Cli.Execution;
using Sluice.Cli.Output;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice run FILE.sql [--parallelism N] [--checkpoint-dir DIR] [--checkpoint-interval 1s]
/// [--from-savepoint PATH|latest] [--output table|json|csv]</c>: see <see cref="ScriptRunner"/>.
/// </summary>
internal sealed class RunCommand : Command
{
    /// <summary>Creates the command; <paramref name="verbose"/> is the root's recursive option.</summary>
    public RunCommand(Option<bool> verbose)
        : base("run", "Run a SQL script: its statements in order, its INSERTs as one job.")
    {
        Verbose = verbose;
        Script = new Argument<string>("FILE") { Description = "The SQL script (.sql) to run." };
        Parallelism = new Option<int>("--parallelism", "-p")
        {
            Description = "The parallelism of every operator.",
            DefaultValueFactory = _ => 1,
            HelpName = "N",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1)
                {
                    return value;
                }

                result.AddError($"--parallelism must be a whole number of at least 1, not '{text}'.");
                return 0;
            },
        };
        CheckpointDirectory = new Option<string?>("--checkpoint-dir")
        {
            Description = "Where checkpoints and savepoints (in its 'savepoints' folder) are written. Default: checkpoints in a temporary folder, savepoints in .sluice/savepoints.",
            HelpName = "DIR",
        };
        CheckpointInterval = new Option<TimeSpan?>("--checkpoint-interval")
        {
            Description = "Take a checkpoint at this interval, e.g. 1s, 500 ms, 10 s, 1min. Default: none (a bounded job still takes a final one).",
            HelpName = "DURATION",
            CustomParser = DurationOption.Parse,
        };
        FromSavepoint = new Option<string?>("--from-savepoint")
        {
            Description = "Start the first job from this savepoint (or checkpoint) folder, or from the newest one ('latest') in the " +
                "checkpoint directory, or in .sluice/savepoints without --checkpoint-dir.",
            HelpName = "PATH|latest",
        };
        Output = new Option<string>("--output", "-o")
        {
            Description = "How query results are shown.",
            DefaultValueFactory = _ => "table",
            HelpName = "table|json|csv",
        };
        Output.AcceptOnlyFromAmong("table", "json", "csv");

        Arguments.Add(Script);
        Options.Add(Parallelism);
        Options.Add(CheckpointDirectory);
        Options.Add(CheckpointInterval);
        Options.Add(FromSavepoint);
        Options.Add(Output);
    }

    /// <summary>The script argument.</summary>
    public Argument<string> Script { get; }

    /// <summary><c>--parallelism</c>.</summary>
    public Option<int> Parallelism { get; }

    /// <summary><c>--checkpoint-dir</c>.</summary>
    public Option<string?> CheckpointDirectory { get; }

    /// <summary><c>--checkpoint-interval</c>.</summary>
    public Option<TimeSpan?> CheckpointInterval { get; }

    /// <summary><c>--from-savepoint</c>.</summary>
    public Option<string?> FromSavepoint { get; }

    /// <summary><c>--output</c>.</summary>
    public Option<string> Output { get; }

    /// <summary>The root's <c>--verbose</c>.</summary>
    public Option<bool> Verbose { get; }

    /// <summary>The settings of a parsed command line, with paths resolved against <paramref name="currentDirectory"/>.</summary>
    public RunSettings Bind(ParseResult result, string currentDirectory)
    {
        var script = result.GetValue(Script) ?? "";
        var savepoint = result.GetValue(FromSavepoint);
        if (savepoint is not null && !string.Equals(savepoint, "latest", StringComparison.OrdinalIgnoreCase))
        {
            savepoint = Path.GetFullPath(savepoint, currentDirectory);
        }

        return new RunSettings(
            Path.GetFullPath(script, currentDirectory),
            script,
            result.GetValue(Parallelism),
            result.GetValue(CheckpointDirectory) is { } directory ? Path.GetFullPath(directory, currentDirectory) : null,
            result.GetValue(CheckpointInterval),
            savepoint is not null && string.Equals(savepoint, "latest", StringComparison.OrdinalIgnoreCase) ? "latest" : savepoint,
            result.GetValue(Output) switch
            {
                "json" => OutputFormat.Json,
                "csv" => OutputFormat.Csv,
                _ => OutputFormat.Table,
            },
            result.GetValue(Verbose));
    }
}
