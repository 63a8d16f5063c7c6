using System.Globalization;
using System.Text;

namespace Sluice.Core.Batches;

/// <summary>Formats boxed column values (see <c>ColumnVector.GetValue</c>) for <see cref="RecordBatch.ToRowStrings"/>.</summary>
internal static class ValueFormatter
{
    public static void Append(StringBuilder builder, object? value)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                builder.Append(s);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case DateOnly date:
                builder.Append(date.ToString("yyyy-MM-dd", culture));
                break;
            case TimeOnly time:
                builder.Append(time.ToString("HH:mm:ss.FFFFFFF", culture));
                break;
            case DateTime dateTime:
                builder.Append(dateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", culture));
                break;
            case DateTimeOffset instant:
                builder.Append(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", culture)).Append('Z');
                break;
            case TimeSpan span:
                builder.Append(span.ToString("c", culture));
                break;
            case byte[] bytes:
                builder.Append('[');
                for (var i = 0; i < bytes.Length; i++)
                {
                    builder.Append(i > 0 ? ", " : string.Empty).Append(unchecked((sbyte)bytes[i]).ToString(culture));
                }

                builder.Append(']');
                break;
            case KeyValuePair<object?, object?>[] pairs:
                builder.Append('{');
                for (var i = 0; i < pairs.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, pairs[i].Key);
                    builder.Append('=');
                    Append(builder, pairs[i].Value);
                }

                builder.Append('}');
                break;
            case object?[] items:
                builder.Append('[');
                for (var i = 0; i < items.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, items[i]);
                }

                builder.Append(']');
                break;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, culture));
                break;
            default:
                builder.Append(value);
                break;
        }
    }
}
