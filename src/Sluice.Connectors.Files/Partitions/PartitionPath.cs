using System.Globalization;
using System.Text;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// Hive-style partition paths as Flink writes them: <c>k1=v1/k2=v2/</c>, with the characters that cannot appear in a
/// path segment (control characters, <c>" # % ' * / : = ? \ { [ ] ^</c> and DEL) written as <c>%XX</c> (two upper-case
/// hexadecimal digits), and an empty or NULL value written as the default partition name.
/// </summary>
public static class PartitionPath
{
    /// <summary>Flink's default name of the partition of NULL and empty values.</summary>
    public const string DefaultPartitionName = "__DEFAULT_PARTITION__";

    private static readonly bool[] Escaped = BuildEscaped();

    private static bool[] BuildEscaped()
    {
        var escaped = new bool[128];
        for (var c = 0; c < ' '; c++)
        {
            escaped[c] = true;
        }

        foreach (var c in "\"#%'*/:=?\\\u007F{[]^")
        {
            escaped[c] = true;
        }

        return escaped;
    }

    /// <summary>Escapes <paramref name="value"/> for one path segment (the inverse of <see cref="Unescape"/>).</summary>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public static string Escape(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 128 && Escaped[c])
            {
                builder ??= new StringBuilder(value.Length + 8).Append(value, 0, i);
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }

    /// <summary>Turns every <c>%XX</c> (two hexadecimal digits) of <paramref name="segment"/> back into its character.</summary>
    public static string Unescape(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (!segment.Contains('%', StringComparison.Ordinal))
        {
            return segment;
        }

        var builder = new StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '%' && i + 2 < segment.Length
                && int.TryParse(segment.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The relative path of a partition, <c>k1=v1/k2=v2/</c> ('/' separated, ending with '/'), of the values in key
    /// order; a null or empty value becomes <paramref name="defaultName"/>.
    /// </summary>
    public static string Build(IReadOnlyList<string> keys, IReadOnlyList<string?> values, string defaultName = DefaultPartitionName)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder();
        for (var i = 0; i < keys.Count; i++)
        {
            var value = values[i];
            builder.Append(Escape(keys[i])).Append('=').Append(Escape(string.IsNullOrEmpty(value) ? defaultName : value)).Append('/');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The partition spec of a relative path (its directories, '/' or the platform's separator): each <c>k=v</c>
    /// segment unescaped, in path order; segments without '=' are skipped (as Flink's extraction does).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var segment in relativePath.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            result.Add(new(Unescape(segment[..equals]), Unescape(segment[(equals + 1)..])));
        }

        return result;
    }
}
