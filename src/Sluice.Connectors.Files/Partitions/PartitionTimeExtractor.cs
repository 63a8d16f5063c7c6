using System.Globalization;
using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// Flink's default partition time extractor: the time of a partition is its first value, or the
/// <c>partition.time-extractor.timestamp-pattern</c> with each <c>$key</c> replaced by the partition's value
/// (<c>'$dt $hour:00:00'</c>), parsed with <c>partition.time-extractor.timestamp-formatter</c> (a date-time pattern,
/// default <c>yyyy-MM-dd HH:mm:ss</c>); a text that is only a date is that day at midnight.
/// </summary>
public sealed class PartitionTimeExtractor
{
    private readonly string? _pattern;
    private readonly string _format;

    /// <summary>Creates the extractor.</summary>
    /// <param name="pattern">The timestamp pattern with <c>$key</c> placeholders, or null for the first partition value.</param>
    /// <param name="formatter">The Java-style date-time pattern of the timestamp (<c>yyyy</c>, <c>MM</c>, <c>dd</c>, <c>HH</c>, <c>mm</c>, <c>ss</c>), or null for the default.</param>
    public PartitionTimeExtractor(string? pattern, string? formatter)
    {
        _pattern = pattern;
        _format = (formatter ?? "yyyy-MM-dd HH:mm:ss").Replace('u', 'y');
    }

    /// <summary>The local date-time of the partition with <paramref name="spec"/> (key order).</summary>
    /// <exception cref="TableOptionException">The text is not a timestamp of the formatter's pattern.</exception>
    public DateTime Extract(IReadOnlyList<KeyValuePair<string, string>> spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string text;
        if (_pattern is null)
        {
            text = spec.Count > 0 ? spec[0].Value : "";
        }
        else
        {
            text = _pattern;

            // Longer keys first, so that "$dt" does not eat the start of "$dthour".
            foreach (var pair in spec.OrderByDescending(p => p.Key.Length))
            {
                text = text.Replace("$" + pair.Key, pair.Value, StringComparison.Ordinal);
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(text, _format, invariant, DateTimeStyles.None, out var time))
        {
            return time;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date)
            || DateOnly.TryParseExact(text, _format, invariant, DateTimeStyles.None, out date))
        {
            return date.ToDateTime(TimeOnly.MinValue);
        }

        throw new TableOptionException(
            $"Cannot extract the time of partition '{string.Join("/", spec.Select(p => p.Key + "=" + p.Value))}': '{text}' does not match the " +
            $"timestamp formatter '{_format}' (set 'partition.time-extractor.timestamp-pattern' and 'partition.time-extractor.timestamp-formatter').",
            "partition.time-extractor.timestamp-pattern");
    }
}
