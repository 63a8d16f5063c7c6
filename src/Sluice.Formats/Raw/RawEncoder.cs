using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Formats.Raw;

/// <summary>
/// Encodes each row as the value of its single column followed by <c>\n</c> (see <see cref="RawFormatFactory"/>).
/// Stateless apart from its configuration: thread-safe.
/// </summary>
internal sealed class RawEncoder : IBatchEncoder
{
    private readonly DataType _type;
    private readonly Encoding _encoding;
    private readonly bool _utf8;
    private readonly bool _bigEndian;

    public RawEncoder(Schema schema, Encoding encoding, bool bigEndian)
    {
        _type = schema[0].DataType;
        _encoding = encoding;
        _utf8 = encoding.CodePage == Encoding.UTF8.CodePage;
        _bigEndian = bigEndian;
    }

    public static int SizeOf(TypeId type) => type switch
    {
        TypeId.Boolean or TypeId.TinyInt => 1,
        TypeId.SmallInt => 2,
        TypeId.Int or TypeId.Float => 4,
        _ => 8,
    };

    public void Encode(IBatch batch, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var records = batch as RecordBatch ?? throw new ArgumentException("The raw format encodes RecordBatches.", nameof(batch));
        var vector = records.Column(0);
        for (var row = 0; row < records.RowCount; row++)
        {
            var physical = records.PhysicalRow(row);
            if (!vector.IsNull(physical))
            {
                Write(vector, physical, output);
            }

            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }
    }

    private void Write(ColumnVector vector, int index, IBufferWriter<byte> output)
    {
        if (vector is BytesVector bytes)
        {
            var value = bytes.GetBytes(index);
            if (_utf8 || _type.PhysicalType == PhysicalType.Binary)
            {
                output.Write(value);
            }
            else
            {
                var text = Encoding.UTF8.GetString(value);
                var span = output.GetSpan(_encoding.GetMaxByteCount(text.Length));
                output.Advance(_encoding.GetBytes(text, span));
            }

            return;
        }

        var size = SizeOf(_type.TypeId);
        var target = output.GetSpan(size);
        switch (_type.TypeId)
        {
            case TypeId.Boolean:
                target[0] = ((BooleanVector)vector)[index] ? (byte)1 : (byte)0;
                break;
            case TypeId.TinyInt:
                target[0] = (byte)((PrimitiveVector<sbyte>)vector)[index];
                break;
            case TypeId.SmallInt:
                var s = ((PrimitiveVector<short>)vector)[index];
                if (_bigEndian)
                {
                    BinaryPrimitives.WriteInt16BigEndian(target, s);
                }
                else
                {
                    BinaryPrimitives.WriteInt16LittleEndian(target, s);
                }

                break;
            case TypeId.Int:
                var i = ((PrimitiveVector<int>)vector)[index];
                if (_bigEndian)
                {
                    BinaryPrimitives.WriteInt32BigEndian(target, i);
                }
                else
                {
                    BinaryPrimitives.WriteInt32LittleEndian(target, i);
                }

                break;
            case TypeId.BigInt:
                var l = ((PrimitiveVector<long>)vector)[index];
                if (_bigEndian)
                {
                    BinaryPrimitives.WriteInt64BigEndian(target, l);
                }
                else
                {
                    BinaryPrimitives.WriteInt64LittleEndian(target, l);
                }

                break;
            case TypeId.Float:
                var f = ((PrimitiveVector<float>)vector)[index];
                if (_bigEndian)
                {
                    BinaryPrimitives.WriteSingleBigEndian(target, f);
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(target, f);
                }

                break;
            default:
                var d = ((PrimitiveVector<double>)vector)[index];
                if (_bigEndian)
                {
                    BinaryPrimitives.WriteDoubleBigEndian(target, d);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(target, d);
                }

                break;
        }

        output.Advance(size);
    }
}
