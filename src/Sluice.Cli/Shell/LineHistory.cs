namespace Sluice.Cli.Shell;

/// <summary>
/// The lines entered in the shell, oldest first, for up/down recall; persisted (when a file is given) by appending
/// each line to it, and loaded from it at start (the latest <see cref="Capacity"/> lines). Failures to read or write
/// the file are ignored: history is a convenience.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class LineHistory
{
    /// <summary>The number of lines kept.</summary>
    public const int Capacity = 1000;

    /// <summary>The history file in the home directory.</summary>
    public const string FileName = ".sluice_history";

    private readonly List<string> _entries;
    private readonly string? _path;

    private LineHistory(string? path, List<string> entries)
    {
        _path = path;
        _entries = entries;
    }

    /// <summary>The lines, oldest first.</summary>
    public IReadOnlyList<string> Entries => _entries;

    /// <summary>A history in memory only.</summary>
    public static LineHistory InMemory() => new(null, []);

    /// <summary>The history persisted in <paramref name="path"/> (loaded when it exists).</summary>
    public static LineHistory Load(string path)
    {
        var entries = new List<string>();
        try
        {
            if (File.Exists(path))
            {
                entries.AddRange(File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).TakeLast(Capacity));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Start with an empty history.
        }

        return new LineHistory(path, entries);
    }

    /// <summary>Adds a line (not blank lines, nor a repeat of the latest one) and appends it to the file.</summary>
    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (_entries.Count > 0 && _entries[^1] == line))
        {
            return;
        }

        _entries.Add(line);
        if (_entries.Count > Capacity)
        {
            _entries.RemoveAt(0);
        }

        if (_path is not null)
        {
            try
            {
                File.AppendAllText(_path, line + "\n");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Keep the history of this session only.
            }
        }
    }
}
