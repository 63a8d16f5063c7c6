using System.Text;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Udf;

/// <summary>
/// The small conversions compiled user-defined function calls are made of (<see cref="ClrValueExpressions"/> builds
/// calls to them): typed reads of one value from a vector, typed appends to a builder, and conversions between
/// .NET collections and records and the boxed values of nested vectors (<see cref="ColumnVector.GetValue"/>).
/// </summary>
internal static class ClrValueHelpers
{
    public static bool ReadBoolean(ColumnVector vector, int row) => ((BooleanVector)vector)[row];

    public static T ReadPrimitive<T>(ColumnVector vector, int row)
        where T : unmanaged => ((PrimitiveVector<T>)vector).Values[row];

    public static decimal ReadDecimal64(ColumnVector vector, int row, int scale) => Decimals.ToDecimal(((PrimitiveVector<long>)vector).Values[row], scale);

    public static decimal ReadDecimal128(ColumnVector vector, int row, int scale) => Decimals.ToDecimal(((PrimitiveVector<Int128>)vector).Values[row], scale);

    public static string ReadString(ColumnVector vector, int row) => Encoding.UTF8.GetString(((BytesVector)vector).GetBytes(row));

    public static byte[] ReadBytes(ColumnVector vector, int row) => ((BytesVector)vector).GetBytes(row).ToArray();

    public static DateOnly ReadDate(ColumnVector vector, int row) => TemporalConversions.FromEpochDays(((PrimitiveVector<int>)vector).Values[row]);

    public static TimeOnly ReadTime(ColumnVector vector, int row) => TemporalConversions.FromMicrosOfDay(((PrimitiveVector<long>)vector).Values[row]);

    // Timestamps of precision 7..9 are nanoseconds (see TimestampUnit); a DateTime keeps their first seven digits.
    public static DateTime ReadTimestamp(ColumnVector vector, int row) => TimestampUnit.IsNanos(vector.DataType)
        ? TemporalConversions.NanosToDateTime(((PrimitiveVector<long>)vector).Values[row])
        : TemporalConversions.ToDateTime(((PrimitiveVector<long>)vector).Values[row]);

    public static DateTimeOffset ReadTimestampLtz(ColumnVector vector, int row) => TimestampUnit.IsNanos(vector.DataType)
        ? TemporalConversions.NanosToDateTimeOffset(((PrimitiveVector<long>)vector).Values[row])
        : TemporalConversions.ToDateTimeOffset(((PrimitiveVector<long>)vector).Values[row]);

    public static TimeSpan ReadInterval(ColumnVector vector, int row) => TemporalConversions.FromMicros(((PrimitiveVector<long>)vector).Values[row]);

    public static object? ReadBoxed(ColumnVector vector, int row) => vector.GetValue(row);

    public static void WriteBoolean(ColumnVectorBuilder builder, bool value) => ((BooleanVectorBuilder)builder).Append(value);

    public static void WritePrimitive<T>(ColumnVectorBuilder builder, T value)
        where T : unmanaged => ((PrimitiveVectorBuilder<T>)builder).Append(value);

    /// <summary>Appends a decimal rounded to the column's scale; NULL when it needs more digits than the precision (as Flink).</summary>
    public static void WriteDecimal(ColumnVectorBuilder builder, decimal value)
    {
        var type = builder.DataType;
        if (!Decimals.TryToUnscaled(value, type.Precision, type.Scale, out var unscaled))
        {
            builder.AppendNull();
        }
        else if (type.PhysicalType == PhysicalType.Decimal64)
        {
            ((PrimitiveVectorBuilder<long>)builder).Append((long)unscaled);
        }
        else
        {
            ((PrimitiveVectorBuilder<Int128>)builder).Append(unscaled);
        }
    }

    public static void WriteString(ColumnVectorBuilder builder, string value) => ((BytesVectorBuilder)builder).Append(value);

    public static void WriteBytes(ColumnVectorBuilder builder, byte[] value) => ((BytesVectorBuilder)builder).Append(value.AsSpan());

    public static void WriteDate(ColumnVectorBuilder builder, DateOnly value) =>
        ((PrimitiveVectorBuilder<int>)builder).Append(TemporalConversions.ToEpochDays(value));

    public static void WriteTime(ColumnVectorBuilder builder, TimeOnly value) =>
        ((PrimitiveVectorBuilder<long>)builder).Append(TemporalConversions.ToMicrosOfDay(value));

    public static void WriteTimestamp(ColumnVectorBuilder builder, DateTime value) =>
        ((PrimitiveVectorBuilder<long>)builder).Append(TimestampUnit.IsNanos(builder.DataType)
            ? TemporalConversions.TicksToEpochNanos(value.Ticks)
            : TemporalConversions.ToEpochMicros(value));

    public static void WriteTimestampLtz(ColumnVectorBuilder builder, DateTimeOffset value) =>
        ((PrimitiveVectorBuilder<long>)builder).Append(TimestampUnit.IsNanos(builder.DataType)
            ? TemporalConversions.TicksToEpochNanos(value.UtcTicks)
            : TemporalConversions.ToEpochMicros(value));

    public static void WriteInterval(ColumnVectorBuilder builder, TimeSpan value) =>
        ((PrimitiveVectorBuilder<long>)builder).Append(TemporalConversions.ToMicros(value));

    public static void WriteBoxed(ColumnVectorBuilder builder, object? value) => builder.Append(value);

    /// <summary>A boxed non-null value of a non-nullable .NET type; NULL is an error naming where it was.</summary>
    public static T Unbox<T>(object? value, string what)
        where T : struct => value is T typed
            ? typed
            : throw new SluiceException(
                value is null
                    ? $"A NULL {what} cannot be passed as the non-nullable {typeof(T).Name}; declare it as {typeof(T).Name}?"
                    : $"A {value.GetType().Name} {what} cannot be passed as {typeof(T).Name}.",
                ErrorDomain.User);

    public static T[]? ToArray<T>(object? value, Func<object?, T> element)
    {
        if (value is not object?[] values)
        {
            return null;
        }

        var result = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = element(values[i]);
        }

        return result;
    }

    public static List<T>? ToList<T>(object? value, Func<object?, T> element)
    {
        if (value is not object?[] values)
        {
            return null;
        }

        var result = new List<T>(values.Length);
        foreach (var item in values)
        {
            result.Add(element(item));
        }

        return result;
    }

    public static Dictionary<TKey, TValue>? ToDictionary<TKey, TValue>(object? value, Func<object?, TKey> key, Func<object?, TValue> mapped)
        where TKey : notnull
    {
        if (value is not KeyValuePair<object?, object?>[] entries)
        {
            return null;
        }

        var result = new Dictionary<TKey, TValue>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry.Key is null)
            {
                throw new SluiceException($"A MAP with a NULL key cannot be passed as a Dictionary<{typeof(TKey).Name}, {typeof(TValue).Name}>.", ErrorDomain.User);
            }

            result[key(entry.Key)] = mapped(entry.Value);
        }

        return result;
    }

    public static object?[]? FromEnumerable<T>(IEnumerable<T>? values, Func<T, object?> element)
    {
        if (values is null)
        {
            return null;
        }

        var result = new List<object?>();
        foreach (var value in values)
        {
            result.Add(element(value));
        }

        return [.. result];
    }

    public static KeyValuePair<object?, object?>[]? FromDictionary<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>>? values,
        Func<TKey, object?> key, Func<TValue, object?> mapped)
    {
        if (values is null)
        {
            return null;
        }

        var result = new List<KeyValuePair<object?, object?>>();
        foreach (var (k, v) in values)
        {
            result.Add(new KeyValuePair<object?, object?>(key(k), mapped(v)));
        }

        return [.. result];
    }

    /// <summary>Hands every row of a table function's result to the collector (a null result is no rows).</summary>
    public static void Drain<T>(IEnumerable<T>? rows, Action<T> collector)
    {
        if (rows is null)
        {
            return;
        }

        foreach (var row in rows)
        {
            collector(row);
        }
    }

    /// <summary>The error of a function that returned null for a <c>NOT NULL</c> result.</summary>
    public static SluiceException NullResult(string function, string type) =>
        new($"The function {function} returned null, but its result type is {type}; declare the .NET return type nullable.", ErrorDomain.User);
}
