using System.Globalization;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Formats.Text;

namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>
/// Random values of a column, as Flink's datagen makes them: numbers uniform in [min, max] (defaults: the type's
/// range; FLOAT/DOUBLE from their smallest positive to their largest value, as in Flink), strings of
/// <c>length</c> (default 100) letters and digits, bytes of <c>length</c> random bytes, TIMESTAMP/TIMESTAMP_LTZ/DATE
/// up to <c>max-past</c> before the source's start time, TIME of any time of day, intervals from 0 to 100 years or
/// one day, collections of <c>length</c> (default 3) random elements, rows of random fields.
/// </summary>
internal sealed class RandomFieldGenerator : FieldGenerator
{
    private const string Alphanumeric = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const long MicrosPerDay = 86_400_000_000L;

    private readonly long _min;
    private readonly long _max;
    private readonly double _minDouble;
    private readonly double _maxDouble;
    private readonly Int128 _minUnscaled;
    private readonly Int128 _maxUnscaled;
    private readonly int _length;
    private readonly bool _variableLength;
    private readonly long _maxPastMicros;
    private readonly TimeZoneInfo _timeZone;

    public RandomFieldGenerator(int column, string name, DataType type, DatagenFieldOptions options, TimeZoneInfo timeZone)
        : base(column, type, options.NullRate)
    {
        _timeZone = timeZone;
        _maxPastMicros = TemporalConversions.ToMicros(options.MaxPast);
        _variableLength = options.VariableLength;
        var isCollection = type.TypeId is TypeId.Array or TypeId.Multiset or TypeId.Map;
        _length = options.Length ?? (isCollection ? 3 : type.TypeId is TypeId.Char or TypeId.Binary ? type.Length : Math.Min(100, Math.Max(1, type.Length)));
        if (_length < 0 || (type.TypeId is TypeId.VarChar or TypeId.VarBinary or TypeId.Char or TypeId.Binary && _length > type.Length))
        {
            throw DatagenOptionError.Field(name, "length", $"{_length} does not fit the column type {type}.");
        }

        (_min, _max) = IntegerRange(type);
        (_minDouble, _maxDouble) = type.TypeId == TypeId.Float ? (float.Epsilon, float.MaxValue) : (double.Epsilon, double.MaxValue);
        if (type.TypeId == TypeId.Decimal)
        {
            _maxUnscaled = Decimals.Pow10(type.Precision) - 1;
            _minUnscaled = -_maxUnscaled;
        }

        if (options.Min is null && options.Max is null)
        {
            return;
        }

        switch (type.TypeId)
        {
            case TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt:
                _min = options.Min is null ? _min : ParseInteger(name, "min", options.Min, type);
                _max = options.Max is null ? _max : ParseInteger(name, "max", options.Max, type);
                CheckOrder(name, _min > _max, options);
                break;
            case TypeId.Float or TypeId.Double:
                _minDouble = options.Min is null ? _minDouble : ParseDouble(name, "min", options.Min);
                _maxDouble = options.Max is null ? _maxDouble : ParseDouble(name, "max", options.Max);
                CheckOrder(name, _minDouble > _maxDouble, options);
                break;
            case TypeId.Decimal:
                _minUnscaled = options.Min is null ? _minUnscaled : ParseDecimal(name, "min", options.Min, type);
                _maxUnscaled = options.Max is null ? _maxUnscaled : ParseDecimal(name, "max", options.Max, type);
                CheckOrder(name, _minUnscaled > _maxUnscaled, options);
                break;
            default:
                throw DatagenOptionError.Field(name, options.Min is null ? "max" : "min",
                    $"min and max apply to numeric columns, not to {type}.");
        }
    }

    protected override void AppendValue(RecordBatchBuilder builder, long row, ref RandomStream random, long startMicros)
    {
        var column = Column;
        var type = Type;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                builder.AppendBoolean(column, (random.NextUInt64() & 1) != 0);
                break;
            case TypeId.TinyInt:
                builder.AppendInt8(column, (sbyte)random.NextInt64(_min, _max));
                break;
            case TypeId.SmallInt:
                builder.AppendInt16(column, (short)random.NextInt64(_min, _max));
                break;
            case TypeId.Int or TypeId.IntervalYearMonth or TypeId.Date:
                builder.AppendInt32(column, (int)NextStorage(type, ref random, startMicros, _min, _max));
                break;
            case TypeId.BigInt or TypeId.Time or TypeId.Timestamp or TypeId.TimestampLtz or TypeId.IntervalDayTime:
                builder.AppendInt64(column, NextStorage(type, ref random, startMicros, _min, _max));
                break;
            case TypeId.Float:
                builder.AppendFloat(column, (float)NextDouble(ref random));
                break;
            case TypeId.Double:
                builder.AppendDouble(column, NextDouble(ref random));
                break;
            case TypeId.Decimal:
                var unscaled = random.NextInt128(_minUnscaled, _maxUnscaled);
                if (type.PhysicalType == PhysicalType.Decimal64)
                {
                    builder.AppendInt64(column, (long)unscaled);
                }
                else
                {
                    builder.AppendInt128(column, unscaled);
                }

                break;
            case TypeId.Char or TypeId.VarChar or TypeId.Binary or TypeId.VarBinary:
                var length = _variableLength ? (int)random.NextInt64(Math.Min(1, _length), _length) : _length;
                Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
                FillBytes(bytes, ref random, text: type.PhysicalType == PhysicalType.Utf8);
                if (type.PhysicalType == PhysicalType.Utf8)
                {
                    builder.AppendString(column, bytes);
                }
                else
                {
                    builder.AppendBytes(column, bytes);
                }

                break;
            default:
                builder.Append(column, NextBoxed(type, ref random, startMicros, _length));
                break;
        }
    }

    /// <summary>A random value of a nested element or field (default options), boxed as the builders accept it.</summary>
    private object? NextBoxed(DataType type, ref RandomStream random, long startMicros, int size)
    {
        switch (type.TypeId)
        {
            case TypeId.Array or TypeId.Multiset:
                var elements = new object?[size];
                for (var i = 0; i < size; i++)
                {
                    elements[i] = NextBoxed(type.ElementType!, ref random, startMicros, 3);
                }

                return elements;
            case TypeId.Map:
                var pairs = new List<KeyValuePair<object?, object?>>(size);
                for (var i = 0; i < size; i++)
                {
                    pairs.Add(new(NextBoxed(type.KeyType!, ref random, startMicros, 3), NextBoxed(type.ValueType!, ref random, startMicros, 3)));
                }

                return pairs.ToArray();
            case TypeId.Row:
                var fields = new object?[type.Fields.Count];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = NextBoxed(type.Fields[i].DataType, ref random, startMicros, 3);
                }

                return fields;
            case TypeId.Boolean:
                return (random.NextUInt64() & 1) != 0;
            case TypeId.Float:
                return (float)(float.Epsilon + (random.NextDouble() * float.MaxValue));
            case TypeId.Double:
                return double.Epsilon + (random.NextDouble() * double.MaxValue);
            case TypeId.Decimal:
                var max = Decimals.Pow10(Math.Min(type.Precision, 28)) - 1;
                return Decimals.ToDecimal(random.NextInt128(-max, max), type.Scale);
            case TypeId.Char or TypeId.VarChar or TypeId.Binary or TypeId.VarBinary:
                var bytes = new byte[type.TypeId is TypeId.Char or TypeId.Binary ? type.Length : Math.Min(100, type.Length)];
                FillBytes(bytes, ref random, text: type.PhysicalType == PhysicalType.Utf8);
                return type.PhysicalType == PhysicalType.Utf8 ? System.Text.Encoding.ASCII.GetString(bytes) : bytes;
            case TypeId.Null:
                return null;
            default:
                var (min, max2) = IntegerRange(type);
                var value = NextStorage(type, ref random, startMicros, min, max2);
                return type.TypeId is TypeId.Int or TypeId.Date or TypeId.IntervalYearMonth ? (object)(int)value : value;
        }
    }

    /// <summary>
    /// The storage value of an integer-like type: the number, days, or microseconds (nanoseconds for a timestamp of
    /// precision 7..9, whole microseconds).
    /// </summary>
    private long NextStorage(DataType type, ref RandomStream random, long startMicros, long min, long max) => type.TypeId switch
    {
        TypeId.Date => TemporalConversions.FloorDiv(LocalMicros(startMicros), MicrosPerDay)
            - random.NextInt64(0, _maxPastMicros / MicrosPerDay),
        TypeId.Time => ValueText.TruncateMicros(random.NextInt64(0, MicrosPerDay - 1), type.Precision),
        TypeId.Timestamp => TimestampUnit.FromMicros(ValueText.TruncateMicros(LocalMicros(startMicros) - random.NextInt64(0, _maxPastMicros), type.Precision), type),
        TypeId.TimestampLtz => TimestampUnit.FromMicros(ValueText.TruncateMicros(startMicros - random.NextInt64(0, _maxPastMicros), type.Precision), type),
        TypeId.IntervalYearMonth => random.NextInt64(0, 1200),
        TypeId.IntervalDayTime => ValueText.TruncateMicros(random.NextInt64(0, MicrosPerDay - 1), type.Precision),
        _ => random.NextInt64(min, max),
    };

    private double NextDouble(ref RandomStream random)
    {
        var u = random.NextDouble();
        return (_minDouble * (1 - u)) + (_maxDouble * u);
    }

    private long LocalMicros(long utcMicros) =>
        utcMicros + TemporalConversions.ToMicros(_timeZone.GetUtcOffset(TemporalConversions.ToDateTimeOffset(utcMicros)));

    private static void FillBytes(Span<byte> bytes, ref RandomStream random, bool text)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var r = random.NextUInt64();
            bytes[i] = text ? (byte)Alphanumeric[(int)(r % (ulong)Alphanumeric.Length)] : (byte)r;
        }
    }

    private static (long Min, long Max) IntegerRange(DataType type) => type.TypeId switch
    {
        TypeId.TinyInt => (sbyte.MinValue, sbyte.MaxValue),
        TypeId.SmallInt => (short.MinValue, short.MaxValue),
        TypeId.Int => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private static void CheckOrder(string name, bool reversed, DatagenFieldOptions options)
    {
        if (reversed)
        {
            throw DatagenOptionError.Field(name, "min", $"the minimum {options.Min} is larger than the maximum {options.Max}.");
        }
    }

    internal static long ParseInteger(string name, string option, string text, DataType type)
    {
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw DatagenOptionError.Field(name, option, $"expected an integer for the column of type {type}, found '{text}'.");
        }

        var (min, max) = IntegerRange(type);
        if (value < min || value > max)
        {
            throw DatagenOptionError.Field(name, option, $"{value} is outside the range of {type}.");
        }

        return value;
    }

    internal static double ParseDouble(string name, string option, string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw DatagenOptionError.Field(name, option, $"expected a number, found '{text}'.");

    internal static Int128 ParseDecimal(string name, string option, string text, DataType type)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !Decimals.TryToUnscaled(value, type.Precision, type.Scale, out var unscaled))
        {
            throw DatagenOptionError.Field(name, option, $"expected a value of {type}, found '{text}'.");
        }

        return unscaled;
    }
}
