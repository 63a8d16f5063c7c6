using System.Globalization;
using System.Text;
using Sluice.Core.Types;

namespace Sluice.Core.Tests.Vectors;

/// <summary>One data type and sample values (boxed as <c>ColumnVector.GetValue</c> returns them) per vector kind.</summary>
internal static class VectorCases
{
    private static readonly Dictionary<string, (DataType Type, object?[] Values)> Cases = Build();

    public static IEnumerable<string> Names => Cases.Keys;

    public static (DataType Type, object?[] Values) Get(string name) => Cases[name];

    private static Dictionary<string, (DataType, object?[])> Build()
    {
        var cases = new Dictionary<string, (DataType, object?[])>();
        void Add(DataType type, params object?[] values) => cases.Add(type.ToString(), (type, values));

        Add(DataTypes.Boolean(), Enumerable.Range(0, 130).Select(i => i % 7 == 3 ? null : (object)(i % 3 == 0)).ToArray());
        Add(DataTypes.TinyInt(), (sbyte)1, null, sbyte.MinValue, sbyte.MaxValue);
        Add(DataTypes.SmallInt(), (short)-2, short.MaxValue, null, short.MinValue);
        Add(DataTypes.Int(), Enumerable.Range(-50, 100).Select(i => i % 10 == 0 ? null : (object)(i * 1000)).ToArray());
        Add(DataTypes.BigInt().NotNull(), long.MinValue, 0L, long.MaxValue, 42L);
        Add(DataTypes.Float(), 1.5f, null, float.NegativeInfinity, -0.25f);
        Add(DataTypes.Double(), double.NaN, 3.25, null, double.MaxValue);
        Add(DataTypes.Decimal(10, 2), 1.50m, null, -99999999.99m, 0m);
        Add(DataTypes.Decimal(38, 10), 1234567890123456789.0123456789m, null, -0.0000000001m);
        Add(DataTypes.String(), "", null, "héllo ✓ 𝄞", new string('x', 1000), "a");
        Add(DataTypes.VarChar(5), null, null, "abc");
        Add(DataTypes.Bytes(), new byte[] { 1, 2, 255 }, null, Array.Empty<byte>());
        Add(DataTypes.Date(), new DateOnly(2024, 2, 29), null, new DateOnly(1969, 12, 31), new DateOnly(1, 1, 1));
        Add(DataTypes.Time(3), new TimeOnly(23, 59, 59, 999), null, TimeOnly.MinValue);
        Add(DataTypes.Timestamp(3), new DateTime(2024, 1, 1, 12, 0, 0, 123), null, new DateTime(1960, 5, 6, 7, 8, 9));
        Add(DataTypes.TimestampLtz(6), new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(10), null);
        Add(DataTypes.IntervalYearMonth(), 14, null, -3);
        Add(DataTypes.IntervalDayTime(), TimeSpan.FromDays(1.5), null, TimeSpan.FromMilliseconds(-1));
        Add(DataTypes.Array(DataTypes.Int()), new object?[] { 1, null, 3 }, null, Array.Empty<object?>(), new object?[] { 4 });
        Add(DataTypes.Array(DataTypes.String().NotNull()), new object?[] { "a", "bc" }, Array.Empty<object?>(), null);
        Add(DataTypes.Multiset(DataTypes.BigInt()), new object?[] { 1L, 1L, 2L }, null);
        Add(DataTypes.Map(DataTypes.String(), DataTypes.BigInt()),
            new KeyValuePair<object?, object?>[] { new("a", 1L), new("b", null) }, null, Array.Empty<KeyValuePair<object?, object?>>());
        Add(DataTypes.Row(DataTypes.Field("a", DataTypes.Int()), DataTypes.Field("b", DataTypes.String())),
            new object?[] { 1, "x" }, null, new object?[] { null, null }, new object?[] { -7, "" });
        Add(DataTypes.Array(DataTypes.Row(
                DataTypes.Field("k", DataTypes.Boolean()),
                DataTypes.Field("v", DataTypes.Array(DataTypes.Double())))),
            new object?[] { new object?[] { true, new object?[] { 1.0, null } }, null, new object?[] { false, null } }, null,
            new object?[] { new object?[] { null, Array.Empty<object?>() } });
        Add(DataTypes.Map(DataTypes.Int(), DataTypes.Map(DataTypes.String(), DataTypes.Decimal(20, 3))),
            new KeyValuePair<object?, object?>[]
            {
                new(1, new KeyValuePair<object?, object?>[] { new("x", 1.5m) }),
                new(2, null),
            },
            null);
        Add(DataTypes.Null(), null, null, null);
        return cases;
    }

    /// <summary>A readable rendering of a boxed value for assertion messages and comparisons.</summary>
    public static string Render(object? value)
    {
        var builder = new StringBuilder();
        Render(builder, value);
        return builder.ToString();
    }

    private static void Render(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case byte[] bytes:
                builder.Append("0x").Append(Convert.ToHexString(bytes));
                break;
            case KeyValuePair<object?, object?>[] pairs:
                builder.Append('{');
                foreach (var pair in pairs)
                {
                    Render(builder, pair.Key);
                    builder.Append('=');
                    Render(builder, pair.Value);
                    builder.Append(';');
                }

                builder.Append('}');
                break;
            case object?[] items:
                builder.Append('[');
                foreach (var item in items)
                {
                    Render(builder, item);
                    builder.Append(';');
                }

                builder.Append(']');
                break;
            case decimal d:
                builder.Append("decimal:").Append(d.ToString("G29", CultureInfo.InvariantCulture));
                break;
            case DateTime or DateTimeOffset or TimeOnly:
                builder.Append(value.GetType().Name).Append(':')
                    .Append(((IFormattable)value).ToString("O", CultureInfo.InvariantCulture));
                break;
            case double or float:
                builder.Append(value.GetType().Name).Append(':')
                    .Append(((IFormattable)value).ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                builder.Append(value.GetType().Name).Append(':')
                    .Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value.GetType().Name).Append(':').Append(value);
                break;
        }
    }
}
