using System.Runtime.CompilerServices;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// One non-null SQL value as an aggregate keeps it in its accumulator: a number or a byte string. Every
/// fixed-width type is a 128-bit integer in its storage form (booleans 0/1, integers, <c>DATE</c> days,
/// <c>TIME</c>/<c>TIMESTAMP</c>/<c>TIMESTAMP_LTZ</c> microseconds, <c>DECIMAL</c> unscaled, <c>FLOAT</c>/<c>DOUBLE</c>
/// as the order-preserving bits of the double: see <see cref="FromDouble"/>); strings and binaries are their bytes
/// (UTF-8 for strings).
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Within one type, <see cref="CompareTo"/> is SQL's order: numbers numerically, doubles as
/// Java's <c>Double.compare</c> (-0.0 before 0.0, NaN last), byte strings by unsigned bytes (for UTF-8 that is code
/// point order, as Flink's binary strings compare). Values of different types are never compared.</para>
/// <para>Immutable; a byte string is owned by the value (never changed after creation).</para>
/// </remarks>
internal readonly struct AggregateValue : IEquatable<AggregateValue>, IComparable<AggregateValue>
{
    private const long CanonicalNaNBits = 0x7FF8_0000_0000_0000;

    /// <summary>The number of a byte-string value that holds an encoded ARRAY (see <see cref="FromArray"/>), not a multiset.</summary>
    private const int ArrayMarker = 1;

    private readonly Int128 _number;
    private readonly byte[]? _bytes;

    private AggregateValue(Int128 number, byte[]? bytes)
    {
        _number = number;
        _bytes = bytes;
    }

    /// <summary>The number (the storage form of a fixed-width value); 0 for byte strings.</summary>
    public Int128 Number => _number;

    /// <summary>The bytes of a string or binary value; null for numbers.</summary>
    public byte[]? Bytes => _bytes;

    /// <summary>A fixed-width value in its storage form.</summary>
    public static AggregateValue FromNumber(Int128 number) => new(number, null);

    /// <summary>A string or binary value (the array is handed over, not copied).</summary>
    public static AggregateValue FromBytes(byte[] bytes) => new(0, bytes);

    /// <summary>A <c>MULTISET</c> result encoded by <see cref="CollectFunction.Encode"/> (appended to a list column by <see cref="AppendTo"/>).</summary>
    public static AggregateValue FromMultiset(byte[] encoded) => new(0, encoded);

    /// <summary>
    /// An <c>ARRAY</c> result encoded by <see cref="ArrayAggFunction.EncodeArray"/> (elements in order, NULLs included),
    /// appended to a list column by <see cref="AppendTo"/>.
    /// </summary>
    public static AggregateValue FromArray(byte[] encoded) => new(ArrayMarker, encoded);

    /// <summary>
    /// A double as a number whose signed order is <c>Double.compare</c>'s order: non-negative doubles keep their bits,
    /// negative ones flip every bit but the sign; every NaN becomes the canonical NaN.
    /// </summary>
    public static AggregateValue FromDouble(double value) => new(SortableBits(value), null);

    /// <summary>The double of a value made by <see cref="FromDouble"/>.</summary>
    public double AsDouble() => BitConverter.Int64BitsToDouble(SortableBits((long)_number));

    /// <summary>
    /// Reads the value of physical row <paramref name="row"/> of <paramref name="column"/>; the caller has checked that
    /// it is not null.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AggregateValue Read(ColumnVector column, int row) => column switch
    {
        PrimitiveVector<long> v => new(v.Values[row], null),
        PrimitiveVector<int> v => new(v.Values[row], null),
        PrimitiveVector<double> v => FromDouble(v.Values[row]),
        BytesVector v => new(0, v.GetBytes(row).ToArray()),
        PrimitiveVector<short> v => new(v.Values[row], null),
        PrimitiveVector<sbyte> v => new(v.Values[row], null),
        PrimitiveVector<float> v => FromDouble(v.Values[row]),
        PrimitiveVector<Int128> v => new(v.Values[row], null),
        BooleanVector v => new(v[row] ? 1 : 0, null),
        ListVector or MapVector or StructVector => CollectFunction.EncodeNested(column, row),
        _ => throw new NotSupportedException($"Aggregates cannot read values of {column.DataType} yet."),
    };

    /// <summary>
    /// True when aggregates can keep values of <paramref name="type"/> (every non-nested type); see also
    /// <see cref="IsSupportedSingleValue"/>.
    /// </summary>
    public static bool IsSupported(DataType type) => type.PhysicalType is PhysicalType.Boolean or PhysicalType.Int8
        or PhysicalType.Int16 or PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Decimal64 or PhysicalType.Decimal128
        or PhysicalType.Float32 or PhysicalType.Float64 or PhysicalType.Utf8 or PhysicalType.Binary;

    /// <summary>
    /// True when aggregates that return one of their input values (FIRST_VALUE, LAST_VALUE, SINGLE_VALUE) or only compare
    /// them for equality (COUNT DISTINCT) can keep values of <paramref name="type"/>: <see cref="IsSupported"/> types,
    /// ARRAY, MAP and ROW (kept as their serialized bytes). A MULTISET result would be taken for a COLLECT result.
    /// </summary>
    public static bool IsSupportedSingleValue(DataType type) =>
        IsSupported(type) || type.TypeId is TypeId.Array or TypeId.Map or TypeId.Row;

    /// <summary>
    /// Appends this value to <paramref name="builder"/>, whose type stores values the way this value holds them.
    /// </summary>
    /// <exception cref="Core.Errors.SluiceException">The number does not fit the column's storage (an overflow).</exception>
    public void AppendTo(ColumnVectorBuilder builder)
    {
        switch (builder)
        {
            case PrimitiveVectorBuilder<long> b:
                b.Append(AggregateResults.Narrow<long>(_number, builder.DataType));
                break;
            case PrimitiveVectorBuilder<int> b:
                b.Append(AggregateResults.Narrow<int>(_number, builder.DataType));
                break;
            case PrimitiveVectorBuilder<double> b:
                b.Append(AsDouble());
                break;
            case BytesVectorBuilder b:
                b.Append(_bytes);
                break;
            case PrimitiveVectorBuilder<short> b:
                b.Append(AggregateResults.Narrow<short>(_number, builder.DataType));
                break;
            case PrimitiveVectorBuilder<sbyte> b:
                b.Append(AggregateResults.Narrow<sbyte>(_number, builder.DataType));
                break;
            case PrimitiveVectorBuilder<float> b:
                b.Append((float)AsDouble());
                break;
            case PrimitiveVectorBuilder<Int128> b:
                b.Append(_number);
                break;
            case BooleanVectorBuilder b:
                b.Append(_number != 0);
                break;
            case ListVectorBuilder b when _number == ArrayMarker:
                ArrayAggFunction.AppendArray(_bytes!, b);
                break;
            case ListVectorBuilder { DataType.TypeId: TypeId.Array } or MapVectorBuilder or StructVectorBuilder:
                AppendNested(builder);
                break;
            case ListVectorBuilder b:
                AppendMultiset(b);
                break;
            default:
                throw new NotSupportedException($"Aggregate results of {builder.DataType} are not supported.");
        }
    }

    /// <summary>An ARRAY, MAP or ROW value read by <see cref="Read"/> (FIRST_VALUE, LAST_VALUE, SINGLE_VALUE results).</summary>
    private void AppendNested(ColumnVectorBuilder builder)
    {
        builder.Append(CollectFunction.DecodeNested(_bytes!, builder.DataType));
    }

        private void AppendMultiset(ListVectorBuilder builder)
    {
        if (builder.Elements.DataType.IsNested)
        {
            CollectFunction.AppendNested(_bytes!, builder);
            return;
        }

        var reader = new BinaryBufferReader(_bytes);
        var entries = reader.ReadVarInt64();
        builder.StartEntry();
        for (var i = 0L; i < entries; i++)
        {
            var value = ReadFrom(reader);
            var count = reader.ReadVarInt64();
            for (var k = 0L; k < count; k++)
            {
                value.AppendTo(builder.Elements);
            }
        }
    }

    /// <summary>Writes the value.</summary>
    public void Write(BinaryBufferWriter writer)
    {
        if (_bytes is not null)
        {
            writer.WriteByte(2);
            writer.WriteBytes(_bytes);
        }
        else if (_number >= long.MinValue && _number <= long.MaxValue)
        {
            writer.WriteByte(0);
            writer.WriteVarInt64((long)_number);
        }
        else
        {
            writer.WriteByte(1);
            writer.WriteInt64((long)(ulong)_number);
            writer.WriteInt64((long)(_number >> 64));
        }
    }

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    public static AggregateValue ReadFrom(BinaryBufferReader reader)
    {
        switch (reader.ReadByte())
        {
            case 0:
                return new(reader.ReadVarInt64(), null);
            case 1:
                var low = (ulong)reader.ReadInt64();
                var high = reader.ReadInt64();
                return new(((Int128)high << 64) | low, null);
            case 2:
                return new(0, reader.ReadBytes().ToArray());
            default:
                throw new Core.Errors.StateException("Corrupt aggregate value in state: unknown tag.", Core.Errors.ErrorDomain.External);
        }
    }

    /// <inheritdoc />
    public int CompareTo(AggregateValue other) =>
        _bytes is null || other._bytes is null ? _number.CompareTo(other._number) : _bytes.AsSpan().SequenceCompareTo(other._bytes);

    /// <inheritdoc />
    public bool Equals(AggregateValue other) =>
        _bytes is null ? other._bytes is null && _number == other._number : other._bytes is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AggregateValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_bytes is null)
        {
            return _number.GetHashCode();
        }

        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => _bytes is null ? _number.ToString(System.Globalization.CultureInfo.InvariantCulture) : Convert.ToHexString(_bytes);

    private static long SortableBits(double value)
    {
        // .NET's double.NaN has the sign bit set; the canonical NaN is the positive one, so it sorts last.
        return double.IsNaN(value) ? CanonicalNaNBits : SortableBits(BitConverter.DoubleToInt64Bits(value));
    }

    private static long SortableBits(long bits) => bits >= 0 ? bits : bits ^ long.MaxValue;
}
