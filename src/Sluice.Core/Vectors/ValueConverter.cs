using System.Runtime.CompilerServices;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// Conversions between boxed .NET values (the edge representation) and the storage of fixed-width types.
/// Only for tests, UDF and format edges; never on hot paths.
/// </summary>
internal static class ValueConverter
{
    public static Type StorageType(PhysicalType physicalType) => physicalType switch
    {
        PhysicalType.Int8 => typeof(sbyte),
        PhysicalType.Int16 => typeof(short),
        PhysicalType.Int32 => typeof(int),
        PhysicalType.Int64 or PhysicalType.Decimal64 => typeof(long),
        PhysicalType.Float32 => typeof(float),
        PhysicalType.Float64 => typeof(double),
        PhysicalType.Decimal128 => typeof(Int128),
        _ => typeof(void),
    };

    public static void EnsureStorage<T>(DataType dataType)
    {
        if (StorageType(dataType.PhysicalType) != typeof(T))
        {
            throw new ArgumentException(
                $"Values of {dataType} are stored as {dataType.PhysicalType}, not as {typeof(T).Name}.", nameof(dataType));
        }
    }

    public static object ToExternal<T>(DataType type, T value)
        where T : unmanaged
    {
        switch (type.TypeId)
        {
            case TypeId.TinyInt:
                return Unsafe.As<T, sbyte>(ref value);
            case TypeId.SmallInt:
                return Unsafe.As<T, short>(ref value);
            case TypeId.Int:
            case TypeId.IntervalYearMonth:
                return Unsafe.As<T, int>(ref value);
            case TypeId.BigInt:
                return Unsafe.As<T, long>(ref value);
            case TypeId.Float:
                return Unsafe.As<T, float>(ref value);
            case TypeId.Double:
                return Unsafe.As<T, double>(ref value);
            case TypeId.Decimal:
                return type.PhysicalType == PhysicalType.Decimal64
                    ? Decimals.ToDecimal(Unsafe.As<T, long>(ref value), type.Scale)
                    : Decimals.ToDecimal(Unsafe.As<T, Int128>(ref value), type.Scale);
            case TypeId.Date:
                return TemporalConversions.FromEpochDays(Unsafe.As<T, int>(ref value));
            case TypeId.Time:
                return TemporalConversions.FromMicrosOfDay(Unsafe.As<T, long>(ref value));
            case TypeId.Timestamp:
                return TimestampUnit.IsNanos(type)
                    ? TemporalConversions.NanosToDateTime(Unsafe.As<T, long>(ref value))
                    : TemporalConversions.ToDateTime(Unsafe.As<T, long>(ref value));
            case TypeId.TimestampLtz:
                return TimestampUnit.IsNanos(type)
                    ? TemporalConversions.NanosToDateTimeOffset(Unsafe.As<T, long>(ref value))
                    : TemporalConversions.ToDateTimeOffset(Unsafe.As<T, long>(ref value));
            case TypeId.IntervalDayTime:
                return TemporalConversions.FromMicros(Unsafe.As<T, long>(ref value));
            default:
                throw new InvalidOperationException($"{type} is not a fixed-width type.");
        }
    }

    public static T ToStorage<T>(DataType type, object value)
        where T : unmanaged
    {
        switch (type.TypeId)
        {
            case TypeId.TinyInt:
                return As<sbyte, T>(checked((sbyte)ToInt64(type, value)));
            case TypeId.SmallInt:
                return As<short, T>(checked((short)ToInt64(type, value)));
            case TypeId.Int:
            case TypeId.IntervalYearMonth:
                return As<int, T>(checked((int)ToInt64(type, value)));
            case TypeId.BigInt:
                return As<long, T>(ToInt64(type, value));
            case TypeId.Float:
                return As<float, T>(value is float f ? f : (float)ToDouble(type, value));
            case TypeId.Double:
                return As<double, T>(ToDouble(type, value));
            case TypeId.Decimal:
                var unscaled = Decimals.ToUnscaled(ToDecimal(type, value), type);
                return type.PhysicalType == PhysicalType.Decimal64 ? As<long, T>((long)unscaled) : As<Int128, T>(unscaled);
            case TypeId.Date:
                return As<int, T>(value switch
                {
                    DateOnly d => TemporalConversions.ToEpochDays(d),
                    DateTime dt => TemporalConversions.ToEpochDays(DateOnly.FromDateTime(dt)),
                    int days => days,
                    _ => throw Unsupported(type, value),
                });
            case TypeId.Time:
                return As<long, T>(value switch
                {
                    TimeOnly t => TemporalConversions.ToMicrosOfDay(t),
                    TimeSpan ts => TemporalConversions.ToMicros(ts),
                    long micros => micros,
                    _ => throw Unsupported(type, value),
                });
            case TypeId.Timestamp:
                return As<long, T>(value switch
                {
                    DateTime dt => FromTicks(type, dt.Ticks),
                    DateTimeOffset dto => FromTicks(type, dto.DateTime.Ticks),
                    long stored => stored,
                    _ => throw Unsupported(type, value),
                });
            case TypeId.TimestampLtz:
                return As<long, T>(value switch
                {
                    DateTimeOffset dto => FromTicks(type, dto.UtcTicks),
                    DateTime dt => FromTicks(type, (dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt).Ticks),
                    long stored => stored,
                    _ => throw Unsupported(type, value),
                });
            case TypeId.IntervalDayTime:
                return As<long, T>(value switch
                {
                    TimeSpan ts => TemporalConversions.ToMicros(ts),
                    long micros => micros,
                    _ => throw Unsupported(type, value),
                });
            default:
                throw Unsupported(type, value);
        }
    }

    /// <summary>The stored value of <paramref name="type"/> (a timestamp) of .NET ticks (100 ns since 0001-01-01).</summary>
    private static long FromTicks(DataType type, long ticks) => TimestampUnit.IsNanos(type)
        ? TemporalConversions.TicksToEpochNanos(ticks)
        : TemporalConversions.FloorDiv(ticks - DateTime.UnixEpoch.Ticks, 10);

    public static ArgumentException Unsupported(DataType type, object value) =>
        new($"A {value.GetType().Name} cannot be stored in a column of {type}.", nameof(value));

    private static TTo As<TFrom, TTo>(TFrom value)
        where TFrom : unmanaged
        where TTo : unmanaged => Unsafe.As<TFrom, TTo>(ref value);

    private static long ToInt64(DataType type, object value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        sbyte sb => sb,
        byte b => b,
        ushort us => us,
        uint ui => ui,
        ulong ul => checked((long)ul),
        _ => throw Unsupported(type, value),
    };

    private static double ToDouble(DataType type, object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        _ => ToInt64(type, value),
    };

    private static decimal ToDecimal(DataType type, object value) => value switch
    {
        decimal m => m,
        double d => (decimal)d,
        float f => (decimal)f,
        _ => ToInt64(type, value),
    };
}
