using System.Globalization;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>Parses option values written as strings (Flink's spellings of durations, sizes and characters). Stateless.</summary>
internal static class OptionValueParser
{
    public static bool TryParseBoolean(string text, out bool value)
    {
        if (string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return string.Equals(text.Trim(), "false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseInt32(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt64(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses <c>&lt;number&gt; [unit]</c>; the unit defaults to milliseconds.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (!TrySplitNumber(text, out var number, out var unit))
        {
            return false;
        }

        long ticksPerUnit = unit.ToLowerInvariant() switch
        {
            "" or "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => TimeSpan.TicksPerMillisecond,
            "ns" or "nano" or "nanos" or "nanosecond" or "nanoseconds" => 0,
            "us" or "µs" or "micro" or "micros" or "microsecond" or "microseconds" => TimeSpan.TicksPerMicrosecond,
            "s" or "sec" or "secs" or "second" or "seconds" => TimeSpan.TicksPerSecond,
            "m" or "min" or "mins" or "minute" or "minutes" => TimeSpan.TicksPerMinute,
            "h" or "hour" or "hours" => TimeSpan.TicksPerHour,
            "d" or "day" or "days" => TimeSpan.TicksPerDay,
            _ => -1,
        };
        if (ticksPerUnit < 0)
        {
            return false;
        }

        if (ticksPerUnit == 0)
        {
            value = TimeSpan.FromTicks(number / 100);
            return true;
        }

        if (number > TimeSpan.MaxValue.Ticks / ticksPerUnit)
        {
            return false;
        }

        value = TimeSpan.FromTicks(number * ticksPerUnit);
        return true;
    }

    /// <summary>Parses <c>&lt;number&gt; [unit]</c> in bytes; units are powers of 1024 (<c>kb</c>, <c>mb</c>, <c>gb</c>, <c>tb</c>).</summary>
    public static bool TryParseMemorySize(string text, out long bytes)
    {
        bytes = 0;
        if (!TrySplitNumber(text, out var number, out var unit))
        {
            return false;
        }

        var shift = unit.ToLowerInvariant() switch
        {
            "" or "b" or "bytes" => 0,
            "k" or "kb" or "kib" or "kibibytes" => 10,
            "m" or "mb" or "mib" or "mebibytes" => 20,
            "g" or "gb" or "gib" or "gibibytes" => 30,
            "t" or "tb" or "tib" or "tebibytes" => 40,
            _ => -1,
        };
        if (shift < 0 || number > (long.MaxValue >> shift))
        {
            return false;
        }

        bytes = number << shift;
        return true;
    }

    /// <summary>
    /// Parses a single character, or a backslash escape (<c>\t</c>, <c>\n</c>, <c>\r</c>, <c>\0</c>, <c>\\</c>,
    /// <c>\'</c>, <c>\uXXXX</c>).
    /// </summary>
    public static bool TryParseChar(string text, out char value)
    {
        value = '\0';
        if (text.Length == 1)
        {
            value = text[0];
            return true;
        }

        if (text.Length < 2 || text[0] != '\\')
        {
            return false;
        }

        if (text.Length == 2)
        {
            char? escaped = text[1] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                '0' => '\0',
                '\\' => '\\',
                '\'' => '\'',
                '"' => '"',
                _ => null,
            };
            value = escaped ?? '\0';
            return escaped is not null;
        }

        if (text.Length == 6 && text[1] == 'u'
            && ushort.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            value = (char)code;
            return true;
        }

        return false;
    }

    private static bool TrySplitNumber(string text, out long number, out string unit)
    {
        var trimmed = text.Trim();
        var end = 0;
        while (end < trimmed.Length && char.IsAsciiDigit(trimmed[end]))
        {
            end++;
        }

        unit = trimmed[end..].Trim();
        return long.TryParse(trimmed.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
