using System.Globalization;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// Where a record came from, for error messages: a source description (<c>file /data/a.csv</c>,
/// <c>topic orders, partition 3</c>) and the record's number in it (<c>line 12</c>, <c>offset 4711</c>). Cheap to pass
/// per record: the text is only built when an error is reported.
/// </summary>
/// <param name="Source">The source, e.g. <c>file /data/a.csv</c>.</param>
/// <param name="Index">The record's number, e.g. its 1-based line.</param>
/// <param name="Unit">What <paramref name="Index"/> counts, e.g. <c>line</c> or <c>offset</c>.</param>
public readonly record struct RecordLocation(string Source, long Index, string Unit = "line")
{
    /// <summary>The location of line <paramref name="line"/> (1-based) of <paramref name="source"/>.</summary>
    public static RecordLocation Line(string source, long line) => new(source, line);

    /// <summary>The location as text, e.g. <c>file /data/a.csv, line 12</c>.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Source)
            ? $"{Unit} {Index.ToString(CultureInfo.InvariantCulture)}"
            : $"{Source}, {Unit} {Index.ToString(CultureInfo.InvariantCulture)}";
}
