namespace Sluice.Integration.Tests.Support;

/// <summary>Reads what a file sink's output folder holds: committed (visible) part files and hidden leftovers.</summary>
internal static class SinkOutput
{
    /// <summary>The visible files (committed parts): names not starting with '.'.</summary>
    public static IReadOnlyList<string> CommittedFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The hidden files (in-progress or pending parts): names starting with '.'.</summary>
    public static IReadOnlyList<string> HiddenFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Select(Path.GetFileName).Where(n => n!.StartsWith('.')).Select(n => n!).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Every line of every committed file.</summary>
    public static List<string> CommittedLines(string directory)
    {
        var lines = new List<string>();
        foreach (var file in CommittedFiles(directory))
        {
            lines.AddRange(File.ReadLines(file));
        }

        return lines;
    }

    /// <summary>Copies every file of <paramref name="from"/> (not sub-folders) into <paramref name="to"/>.</summary>
    public static void CopyFiles(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
