using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>Nested types in and out: arrays, lists, maps, rows, dates and nullable values.</summary>
public sealed class Shapes : ScalarFunction
{
    /// <summary>The words of a text as an <c>ARRAY&lt;STRING&gt;</c>.</summary>
    public string[] Eval(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Counts of each distinct element as a <c>MAP&lt;STRING, INT&gt;</c>.</summary>
    public Dictionary<string, int> Eval(List<string> words) => words.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>A <c>ROW&lt;Words INT, Longest STRING&gt;</c>.</summary>
    public TextSummary Eval(string text, bool summarize)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new(words.Length, summarize ? words.OrderByDescending(w => w.Length).FirstOrDefault() : null);
    }

    /// <summary>A date shifted by days, or null for a null count.</summary>
    public DateOnly? Eval(DateOnly date, int? days) => days is { } d ? date.AddDays(d) : null;

    /// <summary>The number of words plus the length of the longest word of a ROW.</summary>
    public long Eval(TextSummary summary) => summary.Words + (summary.Longest?.Length ?? 0);
}
