using System.Globalization;
using System.Text;

namespace Sluice.Integration.Tests.Support;

/// <summary>
/// Compares a job's committed output lines (<c>key,seq,count</c>) with the expected ones as multisets, and checks
/// each key's sequence numbers: exactly 1..n, each once, with the running count equal to the sequence number.
/// </summary>
internal sealed class OutputComparison
{
    private const int Samples = 10;

    private OutputComparison()
    {
    }

    public int ExpectedCount { get; private init; }

    public int ActualCount { get; private init; }

    /// <summary>Expected lines not committed (counted with multiplicity).</summary>
    public int Missing { get; private set; }

    /// <summary>Expected lines committed more often than expected (extra copies).</summary>
    public int Duplicated { get; private set; }

    /// <summary>Committed lines that are not expected at all.</summary>
    public int Unexpected { get; private set; }

    public List<string> Problems { get; } = [];

    public bool IsExact => Missing == 0 && Duplicated == 0 && Unexpected == 0 && Problems.Count == 0;

    public static OutputComparison Compare(IEnumerable<string> expectedLines, IEnumerable<string> actualLines)
    {
        var expected = expectedLines.ToArray();
        var actual = actualLines.ToArray();
        Array.Sort(expected, StringComparer.Ordinal);
        Array.Sort(actual, StringComparer.Ordinal);
        var result = new OutputComparison { ExpectedCount = expected.Length, ActualCount = actual.Length };
        var missing = new List<string>();
        var duplicated = new List<string>();
        var unexpected = new List<string>();
        var expectedSet = new HashSet<string>(expected, StringComparer.Ordinal);
        int i = 0, j = 0;
        while (i < expected.Length || j < actual.Length)
        {
            var c = i == expected.Length ? 1 : j == actual.Length ? -1 : string.CompareOrdinal(expected[i], actual[j]);
            if (c == 0)
            {
                i++;
                j++;
            }
            else if (c < 0)
            {
                result.Missing++;
                Sample(missing, expected[i++]);
            }
            else
            {
                if (expectedSet.Contains(actual[j]))
                {
                    result.Duplicated++;
                    Sample(duplicated, actual[j]);
                }
                else
                {
                    result.Unexpected++;
                    Sample(unexpected, actual[j]);
                }

                j++;
            }
        }

        if (missing.Count > 0)
        {
            result.Problems.Add($"{result.Missing} missing line(s), e.g. {string.Join(" | ", missing)}");
        }

        if (duplicated.Count > 0)
        {
            result.Problems.Add($"{result.Duplicated} duplicate line(s), e.g. {string.Join(" | ", duplicated)}");
        }

        if (unexpected.Count > 0)
        {
            result.Problems.Add($"{result.Unexpected} unexpected line(s), e.g. {string.Join(" | ", unexpected)}");
        }

        result.CheckKeySequences(actual);
        return result;
    }

    public string Describe(string context)
    {
        var sb = new StringBuilder();
        sb.Append(context).Append(": expected ").Append(ExpectedCount).Append(" lines, committed ").Append(ActualCount).AppendLine(".");
        foreach (var p in Problems)
        {
            sb.Append("  - ").AppendLine(p);
        }

        return sb.ToString();
    }

    /// <summary>Per key: sequence numbers exactly 1..n, each once, and count == seq.</summary>
    private void CheckKeySequences(string[] actual)
    {
        var perKey = new Dictionary<long, List<(long Seq, long Count)>>();
        var malformed = new List<string>();
        var malformedCount = 0;
        foreach (var line in actual)
        {
            var parts = line.Split(',');
            if (parts.Length != 3
                || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                malformedCount++;
                Sample(malformed, line);
                continue;
            }

            if (!perKey.TryGetValue(key, out var list))
            {
                perKey[key] = list = [];
            }

            list.Add((seq, count));
        }

        if (malformedCount > 0)
        {
            Problems.Add($"{malformedCount} malformed line(s), e.g. {string.Join(" | ", malformed)}");
        }

        var bad = new List<string>();
        var badKeys = 0;
        foreach (var (key, list) in perKey.OrderBy(p => p.Key))
        {
            list.Sort();
            for (var k = 0; k < list.Count; k++)
            {
                if (list[k].Seq != k + 1 || list[k].Count != list[k].Seq)
                {
                    badKeys++;
                    if (bad.Count < Samples)
                    {
                        bad.Add($"key {key}: position {k + 1} holds seq {list[k].Seq} count {list[k].Count} (of {list.Count} lines)");
                    }

                    break;
                }
            }
        }

        if (badKeys > 0)
        {
            Problems.Add($"{badKeys} key(s) whose sequence is not exactly 1..n with count == seq, e.g. {string.Join("; ", bad)}");
        }
    }

    private static void Sample(List<string> samples, string line)
    {
        if (samples.Count < Samples)
        {
            samples.Add(line);
        }
    }
}
