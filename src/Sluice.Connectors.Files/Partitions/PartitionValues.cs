using System.Globalization;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Types;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// The text of a partition value in a path, as Flink writes it (the Java <c>toString</c> of the value: <c>2024-01-31</c>,
/// <c>2024-01-31T10:00</c>, <c>12.50</c>, <c>true</c>), and back to a typed value when a partitioned table is read.
/// </summary>
internal static class PartitionValues
{
    /// <summary>The text of a value of <paramref name="type"/> (null stays null: it becomes the default partition).</summary>
    public static string? Format(object? value, DataType type) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => JavaLocalDateTime(t),
        DateTimeOffset o => JavaLocalDateTime(o.UtcDateTime) + "Z",
        TimeOnly t => JavaLocalTime(t),
        decimal m => m.ToString("F" + type.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        float f => JavaDouble(f),
        double f => JavaDouble(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// The typed value of the text <paramref name="text"/> of a partition directory (the default partition name is NULL),
    /// as Flink restores partition values: strings as they are, numbers, booleans, DECIMAL, DATE (<c>yyyy-MM-dd</c>),
    /// TIME and TIMESTAMP (ISO, with <c>'T'</c> or a space).
    /// </summary>
    /// <exception cref="TableOptionException">The text is not a value of the column's type.</exception>
    public static object? Parse(string text, DataType type, string column, string defaultName)
    {
        if (text == defaultName)
        {
            return null;
        }

        var invariant = CultureInfo.InvariantCulture;
        object? value = type.TypeId switch
        {
            TypeId.Char or TypeId.VarChar => text,
            TypeId.Boolean => bool.TryParse(text, out var b) ? b : null,
            TypeId.TinyInt => sbyte.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var v) ? v : null,
            TypeId.SmallInt => short.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var v) ? v : null,
            TypeId.Int => int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var v) ? v : null,
            TypeId.BigInt => long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var v) ? v : null,
            TypeId.Float => float.TryParse(text, NumberStyles.Float, invariant, out var v) ? v : null,
            TypeId.Double => double.TryParse(text, NumberStyles.Float, invariant, out var v) ? v : null,
            TypeId.Decimal => decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, invariant, out var v) ? v : null,
            TypeId.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var v) ? v : null,
            TypeId.Time => TimeOnly.TryParse(text, invariant, DateTimeStyles.None, out var v) ? v : null,
            TypeId.Timestamp => DateTime.TryParse(text.Replace(' ', 'T'), invariant, DateTimeStyles.None, out var v) ? v : null,
            _ => throw new TableOptionException(
                $"Partition column '{column}' has type {type}, which cannot be a partition column (use a string, number, boolean, DATE, TIME or TIMESTAMP).",
                "PARTITIONED BY"),
        };
        return value ?? throw new TableOptionException(
            $"The partition directory '{column}={text}' does not hold a value of the column's type {type}.", "PARTITIONED BY");
    }

    /// <summary>Whether <paramref name="type"/> can be a partition column.</summary>
    public static bool Supports(DataType type) => type.TypeId is TypeId.Char or TypeId.VarChar or TypeId.Boolean or TypeId.TinyInt
        or TypeId.SmallInt or TypeId.Int or TypeId.BigInt or TypeId.Float or TypeId.Double or TypeId.Decimal or TypeId.Date
        or TypeId.Time or TypeId.Timestamp;

    /// <summary>Java's <c>LocalDateTime.toString()</c>: <c>uuuu-MM-ddTHH:mm</c>, then <c>:ss</c> and the fraction when not zero.</summary>
    private static string JavaLocalDateTime(DateTime value) =>
        value.ToString("yyyy-MM-dd'T'", CultureInfo.InvariantCulture) + JavaLocalTime(TimeOnly.FromDateTime(value));

    /// <summary>Java's <c>LocalTime.toString()</c>: <c>HH:mm</c>, then <c>:ss</c>, then 3, 6 or 9 fraction digits.</summary>
    private static string JavaLocalTime(TimeOnly value)
    {
        var text = value.ToString("HH:mm", CultureInfo.InvariantCulture);
        var ticks = value.Ticks % TimeSpan.TicksPerSecond;
        if (value.Second == 0 && ticks == 0)
        {
            return text;
        }

        text += value.ToString(":ss", CultureInfo.InvariantCulture);
        if (ticks == 0)
        {
            return text;
        }

        var nanos = ticks * 100;
        return nanos % 1_000_000 == 0
            ? text + "." + (nanos / 1_000_000).ToString("D3", CultureInfo.InvariantCulture)
            : nanos % 1000 == 0
                ? text + "." + (nanos / 1000).ToString("D6", CultureInfo.InvariantCulture)
                : text + "." + nanos.ToString("D9", CultureInfo.InvariantCulture);
    }

    private static string JavaDouble(double value) =>
        double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 1e7
            ? value.ToString("0.0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
}
