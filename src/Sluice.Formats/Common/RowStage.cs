using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Formats.Common;

/// <summary>
/// The values of one row while it is parsed, before any of them reaches the batch builder: a record that fails half
/// way leaves no trace. Scalars are kept unboxed, strings and bytes in one scratch buffer, nested values boxed (the
/// edge representation of <see cref="Sluice.Core.Vectors.ColumnVectorBuilder"/>). Reused for every row; not thread-safe.
/// </summary>
internal sealed class RowStage
{
    private const byte Unset = 0;
    private const byte Null = 1;
    private const byte Value = 2;

    private readonly PhysicalType[] _types;
    private readonly byte[] _state;
    private readonly Scalar[] _scalars;
    private readonly int[] _byteStarts;
    private readonly int[] _byteLengths;
    private readonly object?[] _objects;
    private byte[] _bytes = new byte[256];
    private int _bytesUsed;

    public RowStage(Schema schema)
    {
        var count = schema.Count;
        _types = new PhysicalType[count];
        for (var i = 0; i < count; i++)
        {
            _types[i] = schema[i].DataType.PhysicalType;
        }

        _state = new byte[count];
        _scalars = new Scalar[count];
        _byteStarts = new int[count];
        _byteLengths = new int[count];
        _objects = new object?[count];
    }

    /// <summary>True when the column got a value or a null since the last <see cref="Reset"/>.</summary>
    public bool IsSet(int column) => _state[column] != Unset;

    public void Reset()
    {
        Array.Clear(_state);
        Array.Clear(_objects);
        _bytesUsed = 0;
    }

    public void SetNull(int column) => _state[column] = Null;

    public void SetScalar(int column, in Scalar value)
    {
        _scalars[column] = value;
        _state[column] = Value;
    }

    public void SetBytes(int column, ReadOnlySpan<byte> value)
    {
        if (_bytes.Length - _bytesUsed < value.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _bytesUsed + value.Length));
        }

        value.CopyTo(_bytes.AsSpan(_bytesUsed));
        _byteStarts[column] = _bytesUsed;
        _byteLengths[column] = value.Length;
        _bytesUsed += value.Length;
        _state[column] = Value;
    }

    /// <summary>A span of <paramref name="length"/> scratch bytes for the value of <paramref name="column"/>; call <see cref="CommitBytes"/> after writing.</summary>
    public Span<byte> ReserveBytes(int column, int length)
    {
        if (_bytes.Length - _bytesUsed < length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _bytesUsed + length));
        }

        _byteStarts[column] = _bytesUsed;
        return _bytes.AsSpan(_bytesUsed, length);
    }

    /// <summary>Keeps the first <paramref name="written"/> bytes of the span <see cref="ReserveBytes"/> returned.</summary>
    public void CommitBytes(int column, int written)
    {
        _byteLengths[column] = written;
        _bytesUsed += written;
        _state[column] = Value;
    }

    public void SetObject(int column, object? value)
    {
        _objects[column] = value;
        _state[column] = value is null ? Null : Value;
    }

    /// <summary>Appends the row (columns never set are null) to <paramref name="builder"/> and resets the stage.</summary>
    public void CommitTo(RecordBatchBuilder builder)
    {
        for (var i = 0; i < _types.Length; i++)
        {
            if (_state[i] != Value)
            {
                builder.AppendNull(i);
                continue;
            }

            ref readonly var s = ref _scalars[i];
            switch (_types[i])
            {
                case PhysicalType.Boolean:
                    builder.AppendBoolean(i, s.Long != 0);
                    break;
                case PhysicalType.Int8:
                    builder.AppendInt8(i, (sbyte)s.Long);
                    break;
                case PhysicalType.Int16:
                    builder.AppendInt16(i, (short)s.Long);
                    break;
                case PhysicalType.Int32:
                    builder.AppendInt32(i, (int)s.Long);
                    break;
                case PhysicalType.Int64 or PhysicalType.Decimal64:
                    builder.AppendInt64(i, s.Long);
                    break;
                case PhysicalType.Float32:
                    builder.AppendFloat(i, (float)s.Double);
                    break;
                case PhysicalType.Float64:
                    builder.AppendDouble(i, s.Double);
                    break;
                case PhysicalType.Decimal128:
                    builder.AppendInt128(i, s.Wide);
                    break;
                case PhysicalType.Utf8:
                    builder.AppendString(i, _bytes.AsSpan(_byteStarts[i], _byteLengths[i]));
                    break;
                case PhysicalType.Binary:
                    builder.AppendBytes(i, _bytes.AsSpan(_byteStarts[i], _byteLengths[i]));
                    break;
                case PhysicalType.List or PhysicalType.Map or PhysicalType.Struct:
                    builder.Append(i, _objects[i]);
                    break;
                default:
                    builder.AppendNull(i);
                    break;
            }
        }

        Reset();
    }

    /// <summary>The boxed form of a scalar, as <see cref="Sluice.Core.Vectors.ColumnVectorBuilder.Append(object?)"/> accepts it (for nested values).</summary>
    public static object Box(DataType type, in Scalar value) => type.TypeId switch
    {
        TypeId.Boolean => value.Long != 0,
        TypeId.Float => (float)value.Double,
        TypeId.Double => value.Double,
        TypeId.Decimal => Decimals.ToDecimal(value.Wide, type.Scale),
        TypeId.Date or TypeId.IntervalYearMonth => (int)value.Long,
        _ => value.Long,
    };
}
