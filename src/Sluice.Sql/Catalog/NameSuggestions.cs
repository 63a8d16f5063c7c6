namespace Sluice.Sql.Catalog;

/// <summary>Did-you-mean suggestions: the known names closest to a misspelled one by edit distance.</summary>
internal static class NameSuggestions
{
    /// <summary>At most this many names are suggested.</summary>
    private const int MaxSuggestions = 3;

    /// <summary>
    /// The candidates closest to <paramref name="name"/> (case-insensitive Levenshtein distance), if they are close
    /// enough to be a likely misspelling: at most one edit per three characters (at least one for names of three or
    /// more characters; shorter names only match when they differ in case).
    /// </summary>
    public static IReadOnlyList<string> Suggest(string name, IEnumerable<string> candidates)
    {
        var limit = name.Length < 3 ? 0 : Math.Max(1, name.Length / 3);
        var best = int.MaxValue;
        var result = new List<string>();
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            if (candidate == name)
            {
                continue;
            }

            var distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance > limit || distance > best)
            {
                continue;
            }

            if (distance < best)
            {
                best = distance;
                result.Clear();
            }

            result.Add(candidate);
        }

        result.Sort(StringComparer.Ordinal);
        return result.Count > MaxSuggestions ? result.GetRange(0, MaxSuggestions) : result;
    }

    /// <summary>"; did you mean 'x'?" (or "'x' or 'y'"), or the empty string when nothing is close.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        var suggestions = Suggest(name, candidates);
        if (suggestions.Count == 0)
        {
            return "";
        }

        var quoted = suggestions.Select(s => $"'{s}'").ToList();
        var text = quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted.Take(quoted.Count - 1)) + " or " + quoted[^1];
        return $"; did you mean {text}?";
    }

    /// <summary>The Levenshtein distance (insertions, deletions and substitutions).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
