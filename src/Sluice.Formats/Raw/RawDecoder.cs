using System.Buffers.Binary;
using System.Text;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Common;

namespace Sluice.Formats.Raw;

/// <summary>Decodes each record as the value of the single column (see <see cref="RawFormatFactory"/>); not thread-safe.</summary>
internal sealed class RawDecoder : RowDecoderBase
{
    private readonly DataType _type;
    private readonly string _name;
    private readonly Encoding _encoding;
    private readonly bool _utf8;
    private readonly bool _bigEndian;

    public RawDecoder(Schema schema, Encoding encoding, bool bigEndian)
        : base(RawFormatFactory.FormatName, schema, ignoreParseErrors: false)
    {
        _type = schema[0].DataType;
        _name = schema[0].Name;
        _encoding = encoding;
        _utf8 = encoding.CodePage == Encoding.UTF8.CodePage;
        _bigEndian = bigEndian;
    }

    protected override int DecodeRecord(ReadOnlySpan<byte> record)
    {
        if (_type.PhysicalType == PhysicalType.Utf8)
        {
            if (_utf8)
            {
                Builder.AppendString(0, record);
            }
            else
            {
                Builder.AppendString(0, _encoding.GetString(record));
            }

            return 1;
        }

        if (_type.PhysicalType == PhysicalType.Binary)
        {
            Builder.AppendBytes(0, record);
            return 1;
        }

        if (record.IsEmpty)
        {
            Builder.AppendNull(0);
            return 1;
        }

        var size = RawEncoder.SizeOf(_type.TypeId);
        if (record.Length != size)
        {
            throw new RecordParseError(_name, $"expected {size} bytes of {_type}, found {record.Length}");
        }

        switch (_type.TypeId)
        {
            case TypeId.Boolean:
                Builder.AppendBoolean(0, record[0] != 0);
                break;
            case TypeId.TinyInt:
                Builder.AppendInt8(0, (sbyte)record[0]);
                break;
            case TypeId.SmallInt:
                Builder.AppendInt16(0, _bigEndian ? BinaryPrimitives.ReadInt16BigEndian(record) : BinaryPrimitives.ReadInt16LittleEndian(record));
                break;
            case TypeId.Int:
                Builder.AppendInt32(0, _bigEndian ? BinaryPrimitives.ReadInt32BigEndian(record) : BinaryPrimitives.ReadInt32LittleEndian(record));
                break;
            case TypeId.BigInt:
                Builder.AppendInt64(0, _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(record) : BinaryPrimitives.ReadInt64LittleEndian(record));
                break;
            case TypeId.Float:
                Builder.AppendFloat(0, _bigEndian ? BinaryPrimitives.ReadSingleBigEndian(record) : BinaryPrimitives.ReadSingleLittleEndian(record));
                break;
            default:
                Builder.AppendDouble(0, _bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(record) : BinaryPrimitives.ReadDoubleLittleEndian(record));
                break;
        }

        return 1;
    }

    protected override void ResetStages()
    {
    }
}
