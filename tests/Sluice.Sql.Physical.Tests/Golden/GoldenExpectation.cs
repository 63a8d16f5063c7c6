using System.Text;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// The expected output of a golden case (its <c>.out</c> file), in sections headed by a line of their own:
/// <c>-- plan</c> (the optimized physical plan with changelog modes, as <c>SqlJob.Plan</c> prints it),
/// <c>-- rows</c> (the final result: the changelog applied to a multiset, one row per line, sorted ordinally) and,
/// for cases marked <c>-- exact-changelog</c>, <c>-- changelog (p=1)</c> (every change in order, with its kind).
/// </summary>
/// <param name="Plan">The plan text (lines joined by <c>\n</c>, no trailing newline), or null when the section is missing.</param>
/// <param name="Rows">The final rows, or null when the section is missing.</param>
/// <param name="Changelog">The exact changelog at parallelism 1, or null when the section is missing.</param>
internal sealed record GoldenExpectation(string? Plan, IReadOnlyList<string>? Rows, IReadOnlyList<string>? Changelog)
{
    public const string PlanHeader = "-- plan";
    public const string RowsHeader = "-- rows";
    public const string ChangelogHeader = "-- changelog (p=1)";

    /// <summary>Reads an expected-output file; a missing file has no sections.</summary>
    public static GoldenExpectation Read(string path)
    {
        if (!File.Exists(path))
        {
            return new GoldenExpectation(null, null, null);
        }

        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line is PlanHeader or RowsHeader or ChangelogHeader)
            {
                if (sections.ContainsKey(line))
                {
                    throw new InvalidDataException($"{path}: the section '{line}' appears twice.");
                }

                current = sections[line] = [];
                continue;
            }

            if (current is null)
            {
                if (line.Length > 0)
                {
                    throw new InvalidDataException($"{path}: '{line}' is outside of a section ({PlanHeader}, {RowsHeader}, {ChangelogHeader}).");
                }

                continue;
            }

            current.Add(line);
        }

        return new GoldenExpectation(
            sections.TryGetValue(PlanHeader, out var plan) ? string.Join('\n', TrimBlank(plan)) : null,
            sections.TryGetValue(RowsHeader, out var rows) ? TrimBlank(rows) : null,
            sections.TryGetValue(ChangelogHeader, out var changelog) ? TrimBlank(changelog) : null);
    }

    /// <summary>Writes the sections that are set.</summary>
    public void Write(string path)
    {
        var text = new StringBuilder();
        if (Plan is not null)
        {
            text.Append(PlanHeader).Append('\n').Append(Plan).Append('\n');
        }

        if (Rows is not null)
        {
            text.Append(RowsHeader).Append('\n');
            foreach (var row in Rows)
            {
                text.Append(row).Append('\n');
            }
        }

        if (Changelog is not null)
        {
            text.Append(ChangelogHeader).Append('\n');
            foreach (var line in Changelog)
            {
                text.Append(line).Append('\n');
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>The lines without leading and trailing blank lines (rows are never blank: they start with <c>[</c>).</summary>
    private static List<string> TrimBlank(List<string> lines)
    {
        var start = 0;
        var end = lines.Count;
        while (start < end && lines[start].Trim().Length == 0)
        {
            start++;
        }

        while (end > start && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        return lines.GetRange(start, end - start);
    }
}
