using System.Globalization;
using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>
/// A sequence <c>start</c>, <c>start + 1</c>, ... <c>end</c> (inclusive): row <c>n</c> gets <c>start + n</c>. Supports
/// integer, FLOAT, DOUBLE, DECIMAL (step 1) and string columns (the number as text), as Flink does.
/// </summary>
internal sealed class SequenceFieldGenerator : FieldGenerator
{
    private readonly long _start;
    private readonly double _startDouble;
    private readonly Int128 _startUnscaled;
    private readonly Int128 _step;

    public SequenceFieldGenerator(int column, string name, DataType type, DatagenFieldOptions options)
        : base(column, type, options.NullRate)
    {
        if (options.Start is null || options.End is null)
        {
            throw DatagenOptionError.Field(name, options.Start is null ? "start" : "end",
                "is required for a sequence ('fields." + name + ".kind' = 'sequence').");
        }

        switch (type.TypeId)
        {
            case TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt or TypeId.Char or TypeId.VarChar or TypeId.Binary or TypeId.VarBinary:
                var integerType = type.TypeId is TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt ? type : DataTypes.BigInt();
                _start = RandomFieldGenerator.ParseInteger(name, "start", options.Start, integerType);
                var end = RandomFieldGenerator.ParseInteger(name, "end", options.End, integerType);
                RowLimitValue = Count(name, (Int128)end - _start + 1);
                break;
            case TypeId.Float or TypeId.Double:
                _startDouble = RandomFieldGenerator.ParseDouble(name, "start", options.Start);
                var endDouble = RandomFieldGenerator.ParseDouble(name, "end", options.End);
                RowLimitValue = Count(name, (Int128)Math.Floor(endDouble - _startDouble) + 1);
                break;
            case TypeId.Decimal:
                _startUnscaled = RandomFieldGenerator.ParseDecimal(name, "start", options.Start, type);
                var endUnscaled = RandomFieldGenerator.ParseDecimal(name, "end", options.End, type);
                _step = Decimals.Pow10(type.Scale);
                RowLimitValue = Count(name, ((endUnscaled - _startUnscaled) / _step) + 1);
                break;
            default:
                throw DatagenOptionError.Field(name, "kind", $"a sequence supports integer, FLOAT, DOUBLE, DECIMAL, string and binary columns, not {type}.");
        }
    }

    public override long? RowLimit => RowLimitValue;

    private long RowLimitValue { get; }

    protected override void AppendValue(RecordBatchBuilder builder, long row, ref RandomStream random, long startMicros)
    {
        var column = Column;
        switch (Type.TypeId)
        {
            case TypeId.TinyInt:
                builder.AppendInt8(column, (sbyte)(_start + row));
                break;
            case TypeId.SmallInt:
                builder.AppendInt16(column, (short)(_start + row));
                break;
            case TypeId.Int:
                builder.AppendInt32(column, (int)(_start + row));
                break;
            case TypeId.BigInt:
                builder.AppendInt64(column, _start + row);
                break;
            case TypeId.Float:
                builder.AppendFloat(column, (float)(_startDouble + row));
                break;
            case TypeId.Double:
                builder.AppendDouble(column, _startDouble + row);
                break;
            case TypeId.Decimal:
                var unscaled = _startUnscaled + (row * _step);
                if (Type.PhysicalType == PhysicalType.Decimal64)
                {
                    builder.AppendInt64(column, (long)unscaled);
                }
                else
                {
                    builder.AppendInt128(column, unscaled);
                }

                break;
            case TypeId.Binary or TypeId.VarBinary:
            {
                // As Flink (Longs.toByteArray): the value's 8 bytes, big-endian.
                Span<byte> bytes = stackalloc byte[8];
                System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, _start + row);
                builder.AppendBytes(column, bytes);
                break;
            }

            default:
                builder.AppendString(column, (_start + row).ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    private static long Count(string name, Int128 count)
    {
        if (count <= 0)
        {
            throw DatagenOptionError.Field(name, "end", "the end of the sequence is before its start.");
        }

        return count > long.MaxValue ? long.MaxValue : (long)count;
    }
}
