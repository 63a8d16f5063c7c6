using System.Buffers.Binary;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Files.Lookup;

/// <summary>
/// Encodes the key columns of a row as bytes that are equal exactly when the SQL values are equal: integers of every
/// width (and temporal and 64-bit decimal values) as 8 bytes, 128-bit decimals as 16, doubles and floats by their
/// normalized bits (0.0 = -0.0), booleans as one byte, strings and binaries by length and content. The lookup join
/// already checked that both sides of each key have the same storage and scale.
/// </summary>
internal static class LookupKeyEncoder
{
    /// <summary>True when values of <paramref name="type"/> can be encoded.</summary>
    public static bool Supports(DataType type) => type.PhysicalType is not (PhysicalType.List or PhysicalType.Map or PhysicalType.Struct or PhysicalType.Null);

    /// <summary>
    /// Writes the key of <paramref name="row"/> (a physical row) into <paramref name="buffer"/>, growing it when needed,
    /// and returns the number of bytes; -1 when a key value is NULL (a NULL key matches nothing).
    /// </summary>
    public static int Encode(RecordBatch batch, IReadOnlyList<int> columns, int row, ref byte[] buffer)
    {
        var length = 0;
        foreach (var column in columns)
        {
            var vector = batch.Column(column);
            if (vector.IsNull(row))
            {
                return -1;
            }

            switch (vector)
            {
                case BytesVector bytes:
                {
                    var value = bytes.GetBytes(row);
                    Ensure(ref buffer, length + 4 + value.Length);
                    BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), value.Length);
                    value.CopyTo(buffer.AsSpan(length + 4));
                    length += 4 + value.Length;
                    break;
                }

                case PrimitiveVector<Int128> wide:
                    Ensure(ref buffer, length + 16);
                    BinaryPrimitives.WriteInt128LittleEndian(buffer.AsSpan(length), wide.Values[row]);
                    length += 16;
                    break;
                default:
                    Ensure(ref buffer, length + 8);
                    BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length), Scalar(vector, row));
                    length += 8;
                    break;
            }
        }

        return length;
    }

    private static long Scalar(ColumnVector vector, int row) => vector switch
    {
        PrimitiveVector<long> v => v.Values[row],
        PrimitiveVector<int> v => v.Values[row],
        PrimitiveVector<short> v => v.Values[row],
        PrimitiveVector<sbyte> v => v.Values[row],
        PrimitiveVector<double> v => BitConverter.DoubleToInt64Bits(Normalize(v.Values[row])),
        PrimitiveVector<float> v => BitConverter.DoubleToInt64Bits(Normalize(v.Values[row])),
        BooleanVector v => v[row] ? 1 : 0,
        _ => throw new NotSupportedException($"A lookup key of type {vector.DataType} cannot be encoded."),
    };

    private static double Normalize(double value) => value == 0 ? 0.0 : double.IsNaN(value) ? double.NaN : value;

    private static void Ensure(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            Array.Resize(ref buffer, Math.Max(size, buffer.Length * 2));
        }
    }
}
