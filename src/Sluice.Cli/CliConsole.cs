using Spectre.Console;

namespace Sluice.Cli;

/// <summary>
/// Everything the CLI touches of its process: standard output, error and input, whether each is a terminal, the
/// current and home directories, the key reader of the line editor, and Ctrl-C (<see cref="Interrupts"/>). Tests
/// create one over string writers (<see cref="Create"/>) and drive the CLI in process; <see cref="FromSystem"/> is the
/// real console.
/// </summary>
internal sealed class CliConsole
{
    private Func<ConsoleKeyInfo>? _readKey;

    /// <summary>Standard output.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard input.</summary>
    public required TextReader In { get; init; }

    /// <summary>True when standard output is an interactive terminal (live views may redraw it).</summary>
    public bool IsOutputTerminal { get; init; }

    /// <summary>True when standard error is an interactive terminal (progress may be shown on it).</summary>
    public bool IsErrorTerminal { get; init; }

    /// <summary>True when keys can be read one by one (<see cref="ReadKey"/>), for the shell's line editor.</summary>
    public bool IsInputTerminal => _readKey is not null;

    /// <summary>The directory relative paths on the command line are resolved against.</summary>
    public required string CurrentDirectory { get; init; }

    /// <summary>The user's home directory (for the shell history), or null for none.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Ctrl-C.</summary>
    public InterruptSignal Interrupts { get; } = new();

    /// <summary>The width of the terminal in cells (80 when unknown).</summary>
    public Func<int> WindowWidth { get; init; } = () => 80;

    /// <summary>The height of the terminal in lines (24 when unknown).</summary>
    public Func<int> WindowHeight { get; init; } = () => 24;

    /// <summary>The key reader of an interactive terminal; null when input is redirected.</summary>
    public Func<ConsoleKeyInfo>? KeyReader
    {
        get => _readKey;
        init => _readKey = value;
    }

    /// <summary>Makes Ctrl-C arrive as a key (<c>true</c>, while the line editor reads) or as an interrupt (<c>false</c>).</summary>
    public Action<bool> SetControlCAsInput { get; init; } = _ => { };

    /// <summary>Reads one key of an interactive terminal.</summary>
    /// <exception cref="InvalidOperationException">Input is not a terminal.</exception>
    public ConsoleKeyInfo ReadKey() =>
        (_readKey ?? throw new InvalidOperationException("Keys can only be read from a terminal."))();

    /// <summary>The console of this process.</summary>
    public static CliConsole FromSystem()
    {
        var console = new CliConsole
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            IsOutputTerminal = !Console.IsOutputRedirected,
            IsErrorTerminal = !Console.IsErrorRedirected,
            CurrentDirectory = Environment.CurrentDirectory,
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? home : null,
            WindowWidth = () => SafeSize(() => Console.WindowWidth, 80),
            WindowHeight = () => SafeSize(() => Console.WindowHeight, 24),
            KeyReader = Console.IsInputRedirected ? null : () => Console.ReadKey(intercept: true),
            SetControlCAsInput = value =>
            {
                if (!Console.IsInputRedirected)
                {
                    Console.TreatControlCAsInput = value;
                }
            },
        };
        Console.CancelKeyPress += (_, e) => e.Cancel = console.Interrupts.Raise();
        return console;
    }

    /// <summary>A console over the given writers and reader, none of them a terminal (for tests and pipes).</summary>
    public static CliConsole Create(TextWriter output, TextWriter error, TextReader input, string currentDirectory, string? homeDirectory = null) =>
        new()
        {
            Out = output,
            Error = error,
            In = input,
            CurrentDirectory = currentDirectory,
            HomeDirectory = homeDirectory,
        };

    /// <summary>A Spectre console drawing on <paramref name="writer"/> (standard output or error of a terminal).</summary>
    public IAnsiConsole CreateAnsiConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = WindowWidth();
        console.Profile.Height = WindowHeight();
        return console;
    }

    /// <summary>Resolves a path given on the command line against <see cref="CurrentDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, CurrentDirectory);

    private static int SafeSize(Func<int> read, int fallback)
    {
        try
        {
            var value = read();
            return value > 0 ? value : fallback;
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
