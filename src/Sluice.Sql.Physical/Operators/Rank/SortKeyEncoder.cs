using System.Buffers.Binary;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// Encodes the <c>ORDER BY</c> key of a row into bytes whose unsigned lexicographic order is the SQL order of the
/// key (a normalized key), so sort keys are compared with one span comparison and stored as they are.
/// </summary>
/// <remarks>
/// <para><b>Encoding.</b> Per key column: a marker byte (0 = null with <c>NULLS FIRST</c>, 1 = value, 2 = null with
/// <c>NULLS LAST</c>), then for a value its order-preserving bytes, all of them inverted for <c>DESC</c>: integers,
/// dates, times, timestamps, intervals and decimals (unscaled, one scale per column) big-endian with the sign bit
/// flipped; FLOAT/DOUBLE as their IEEE bits made monotonic (Java's <c>Double.compare</c> order: -0.0 &lt; 0.0 and
/// NaN above +∞, every NaN equal); BOOLEAN false &lt; true; strings and bytes by their (UTF-8) bytes, unsigned, with
/// every 0x00 escaped as 0x00 0xFF and a 0x00 0x00 terminator, so no encoded value is a prefix of another and
/// inverting keeps the order exact. Equal keys encode to equal bytes.</para>
/// <para><b>Threading.</b> Keeps a scratch buffer: one thread (the task thread).</para>
/// </remarks>
internal sealed class SortKeyEncoder
{
    private const byte NullsFirstMarker = 0;
    private const byte ValueMarker = 1;
    private const byte NullsLastMarker = 2;
    private const int CanonicalFloatNaN = 0x7FC00000;
    private const long CanonicalDoubleNaN = 0x7FF8000000000000L;

    private readonly RankSortKey[] _keys;
    private readonly BinaryBufferWriter _scratch = new(64);

    /// <summary>Creates an encoder of <paramref name="keys"/> over rows of <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">A key column is out of range or of a nested type.</exception>
    public SortKeyEncoder(Schema schema, IReadOnlyList<RankSortKey> keys)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys];
        foreach (var key in _keys)
        {
            if ((uint)key.Column >= (uint)schema.Count)
            {
                throw new ArgumentException($"Sort key column {key.Column} is outside the schema {schema}.", nameof(keys));
            }

            if (schema[key.Column].DataType.IsNested)
            {
                throw new ArgumentException($"Sort key column {key.Column} ({schema[key.Column]}) is of a nested type, which cannot be ordered.", nameof(keys));
            }
        }
    }

    /// <summary>The encoded key of physical row <paramref name="physicalRow"/> (a new array).</summary>
    public byte[] Encode(RecordBatch batch, int physicalRow) => EncodeToScratch(batch, physicalRow).ToArray();

    /// <summary>The encoded key of physical row <paramref name="physicalRow"/> in the scratch buffer (valid until the next call).</summary>
    public ReadOnlySpan<byte> EncodeToScratch(RecordBatch batch, int physicalRow)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _scratch.Reset();
        foreach (var key in _keys)
        {
            var column = batch.Column(key.Column);
            if (column.IsNull(physicalRow))
            {
                _scratch.WriteByte(key.NullsFirst ? NullsFirstMarker : NullsLastMarker);
                continue;
            }

            _scratch.WriteByte(ValueMarker);
            WriteValue(column, physicalRow, key.Descending);
        }

        return _scratch.WrittenSpan;
    }

    private void WriteValue(ColumnVector column, int row, bool descending)
    {
        Span<byte> span;
        switch (column)
        {
            case BooleanVector b:
                span = Reserve(1);
                span[0] = b[row] ? (byte)1 : (byte)0;
                break;
            case PrimitiveVector<sbyte> v:
                span = Reserve(1);
                span[0] = (byte)((byte)v.Values[row] ^ 0x80);
                break;
            case PrimitiveVector<short> v:
                span = Reserve(2);
                BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)((ushort)v.Values[row] ^ 0x8000));
                break;
            case PrimitiveVector<int> v:
                span = Reserve(4);
                BinaryPrimitives.WriteUInt32BigEndian(span, (uint)v.Values[row] ^ 0x8000_0000u);
                break;
            case PrimitiveVector<long> v:
                span = Reserve(8);
                BinaryPrimitives.WriteUInt64BigEndian(span, (ulong)v.Values[row] ^ 0x8000_0000_0000_0000UL);
                break;
            case PrimitiveVector<float> v:
                span = Reserve(4);
                var f = v.Values[row];
                var fbits = float.IsNaN(f) ? CanonicalFloatNaN : BitConverter.SingleToInt32Bits(f);
                BinaryPrimitives.WriteUInt32BigEndian(span, fbits < 0 ? ~(uint)fbits : (uint)fbits ^ 0x8000_0000u);
                break;
            case PrimitiveVector<double> v:
                span = Reserve(8);
                var d = v.Values[row];
                var dbits = double.IsNaN(d) ? CanonicalDoubleNaN : BitConverter.DoubleToInt64Bits(d);
                BinaryPrimitives.WriteUInt64BigEndian(span, dbits < 0 ? ~(ulong)dbits : (ulong)dbits ^ 0x8000_0000_0000_0000UL);
                break;
            case PrimitiveVector<Int128> v:
                span = Reserve(16);
                BinaryPrimitives.WriteUInt128BigEndian(span, (UInt128)(v.Values[row] ^ Int128.MinValue));
                break;
            case BytesVector v:
                var bytes = v.GetBytes(row);
                var length = bytes.Length + 2;
                foreach (var b in bytes)
                {
                    if (b == 0)
                    {
                        length++;
                    }
                }

                span = Reserve(length);
                var at = 0;
                foreach (var b in bytes)
                {
                    span[at++] = b;
                    if (b == 0)
                    {
                        span[at++] = 0xFF;
                    }
                }

                span[at++] = 0;
                span[at] = 0;
                break;
            default:
                throw new NotSupportedException($"Columns of {column.DataType} cannot be sort keys.");
        }

        if (descending)
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (byte)~span[i];
            }
        }

        _scratch.Advance(span.Length);
    }

    /// <summary>Room for <paramref name="length"/> bytes at the end of the scratch buffer, not yet advanced over.</summary>
    private Span<byte> Reserve(int length) => _scratch.GetSpan(length)[..length];
}
