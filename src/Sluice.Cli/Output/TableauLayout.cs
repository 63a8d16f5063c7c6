using System.Globalization;
using System.Text;
using Sluice.Core.Types;

namespace Sluice.Cli.Output;

/// <summary>
/// The boxed text tables of Flink's SQL client ("tableau"): <c>+---+</c> borders, a header row, values right-aligned,
/// NULL shown as <c>&lt;NULL&gt;</c>, values wider than the column cut with <c>...</c>. Widths count terminal cells
/// (East Asian wide characters take two).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class TableauLayout
{
    /// <summary>How NULL is shown.</summary>
    public const string NullText = "<NULL>";

    /// <summary>Flink's default of <c>sql-client.display.max-column-width</c>.</summary>
    public const int DefaultMaxColumnWidth = 30;

    private readonly int[] _widths;

    /// <summary>Creates a layout of columns of the given widths (in cells, without padding).</summary>
    public TableauLayout(IReadOnlyList<int> widths)
    {
        _widths = [.. widths];
        Border = BuildBorder(_widths);
    }

    /// <summary>The border line, e.g. <c>+----+-------+</c>.</summary>
    public string Border { get; }

    /// <summary>The column widths.</summary>
    public IReadOnlyList<int> Widths => _widths;

    /// <summary>A layout whose widths fit the header names and every row (each at most <paramref name="maxWidth"/>).</summary>
    public static TableauLayout FitContent(IReadOnlyList<string> names, IEnumerable<string?[]> rows, int maxWidth)
    {
        var widths = names.Select(n => Math.Min(maxWidth, DisplayWidth(n))).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], Math.Min(maxWidth, DisplayWidth(row[c] ?? NullText)));
            }
        }

        return new TableauLayout(widths);
    }

    /// <summary>
    /// The width of a column whose values are not known in advance (a changelog printed as it arrives): enough for
    /// the name, NULL and the widest value of the type, at most <paramref name="maxWidth"/>.
    /// </summary>
    public static int WidthOf(string name, DataType type, int maxWidth)
    {
        var byType = type.TypeId switch
        {
            TypeId.Boolean => 5,
            TypeId.TinyInt => 4,
            TypeId.SmallInt => 6,
            TypeId.Int => 11,
            TypeId.BigInt => 20,
            TypeId.Decimal => type.Precision + 2,
            TypeId.Date => 10,
            TypeId.Time => 8 + (type.Precision > 0 ? type.Precision + 1 : 0),
            TypeId.Timestamp or TypeId.TimestampLtz => 19 + (type.Precision > 0 ? type.Precision + 1 : 0),
            TypeId.IntervalYearMonth => 7,
            TypeId.IntervalDayTime => 16,
            TypeId.Char or TypeId.VarChar => type.Length,
            _ => maxWidth,
        };
        return Math.Min(maxWidth, Math.Max(Math.Max(DisplayWidth(name), NullText.Length), byType));
    }

    /// <summary>A row line: <c>| v1 | v2 |</c>, each value right-aligned and cut to its column.</summary>
    public string Line(IReadOnlyList<string?> values)
    {
        var builder = new StringBuilder();
        builder.Append('|');
        for (var c = 0; c < _widths.Length; c++)
        {
            var value = Fit(values[c] ?? NullText, _widths[c]);
            builder.Append(' ').Append(' ', _widths[c] - DisplayWidth(value)).Append(value).Append(" |");
        }

        return builder.ToString();
    }

    /// <summary>The number of terminal cells <paramref name="text"/> takes.</summary>
    public static int DisplayWidth(string text)
    {
        var width = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            width += IsWide(char.ConvertToUtf32(element, 0)) ? 2 : 1;
        }

        return width;
    }

    /// <summary>
    /// <paramref name="text"/> with control characters shown as spaces, cut to <paramref name="width"/> cells
    /// (ending in <c>...</c>) when it is wider.
    /// </summary>
    public static string Fit(string text, int width)
    {
        var clean = text.Any(char.IsControl) ? new string([.. text.Select(ch => char.IsControl(ch) ? ' ' : ch)]) : text;
        if (DisplayWidth(clean) <= width)
        {
            return clean;
        }

        var keep = Math.Max(0, width - 3);
        var builder = new StringBuilder();
        var used = 0;
        var elements = StringInfo.GetTextElementEnumerator(clean);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var cells = IsWide(char.ConvertToUtf32(element, 0)) ? 2 : 1;
            if (used + cells > keep)
            {
                break;
            }

            builder.Append(element);
            used += cells;
        }

        return builder.Append('.', Math.Min(3, width - used)).ToString();
    }

    private static bool IsWide(int codePoint) =>
        codePoint is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6)
            or (>= 0x1F300 and <= 0x1F64F) or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x20000 and <= 0x3FFFD);

    private static string BuildBorder(int[] widths)
    {
        var builder = new StringBuilder("+");
        foreach (var width in widths)
        {
            builder.Append('-', width + 2).Append('+');
        }

        return builder.ToString();
    }
}
