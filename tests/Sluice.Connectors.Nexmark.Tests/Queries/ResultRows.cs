using System.Globalization;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Nexmark.Tests.Queries;

/// <summary>Turns rows into comparable text and a changelog into its final rows.</summary>
internal static class ResultRows
{
    /// <summary>The changelog applied to a multiset; throws on a retraction of a row that is not there.</summary>
    public static List<string> Materialize(IEnumerable<(RowKind Kind, object?[] Values)> changes)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (kind, values) in changes)
        {
            var text = Text(values);
            if (kind is RowKind.Insert or RowKind.UpdateAfter)
            {
                rows[text] = rows.GetValueOrDefault(text) + 1;
            }
            else if (rows.TryGetValue(text, out var count))
            {
                if (count == 1)
                {
                    rows.Remove(text);
                }
                else
                {
                    rows[text] = count - 1;
                }
            }
            else
            {
                throw new InvalidOperationException($"Retraction ({kind}) of a row that is not in the result: {text}");
            }
        }

        return Sorted(rows.SelectMany(r => Enumerable.Repeat(r.Key, r.Value)));
    }

    public static List<string> Sorted(IEnumerable<string> rows)
    {
        var list = rows.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    public static string Text(object?[] values) => "[" + string.Join(", ", values.Select(Value)) + "]";

    private static string Value(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s + "'",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        decimal d => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        sbyte or short or int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
