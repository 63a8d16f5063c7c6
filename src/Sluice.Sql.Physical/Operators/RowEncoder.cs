using System.Buffers.Binary;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// Encodes selected columns of one row of a <see cref="RecordBatch"/> into a compact byte string (the form of
/// <see cref="RowKey"/> and <see cref="RowData"/>), and appends such byte strings back to the columns of a
/// <see cref="RecordBatchBuilder"/>.
/// </summary>
/// <remarks>
/// <para><b>Encoding.</b> Per column: one byte (0 = null, 1 = value), then the value in its storage form,
/// little-endian: booleans and TINYINT one byte, SMALLINT two, INT/DATE four, BIGINT/TIME/TIMESTAMP/DECIMAL(p ≤ 18)
/// eight, FLOAT/DOUBLE their IEEE bits, DECIMAL(p &gt; 18) sixteen, strings and bytes a var-int length then the
/// bytes. Two rows with equal values (equal storage bits) encode to equal bytes, so the bytes are the identity of
/// a key. The encoding is persisted in state: never change it without a new serializer version.</para>
/// <para><b>Nested values.</b> ARRAY and MULTISET: a var-int element count, then each element as a column value
/// (its null byte, then its value); MAP: a var-int entry count, then each entry's key and value; ROW: each field in
/// order. Equal arrays and rows encode to equal bytes; a MAP or MULTISET is encoded in its stored order, so two maps
/// with the same entries in another order are different keys.</para>
/// <para><b>Threading.</b> An instance keeps a scratch buffer: use it from one thread (the task thread).</para>
/// </remarks>
public sealed class RowEncoder
{
    private readonly int[] _columns;
    private readonly DataType[] _types;
    private readonly Kind[] _kinds;
    private readonly BinaryBufferWriter _scratch = new();

    /// <summary>
    /// The vector a column's values are expected in, chosen once per encoder from its physical type, so that encoding a row
    /// tests each value's vector against one class instead of trying them in turn; a vector of another class (or a nested
    /// one) takes the general path (<see cref="WriteValue"/>). Same bytes either way.
    /// </summary>
    private enum Kind : byte
    {
        Other,
        Int32,
        Int64,
        Float64,
        Bytes,
    }

    /// <summary>Creates an encoder of <paramref name="columns"/> of rows of <paramref name="schema"/>.</summary>
    /// <param name="schema">The schema of the rows.</param>
    /// <param name="columns">The encoded columns, in order (copied).</param>
    /// <exception cref="ArgumentException">A column is out of range or of an unsupported type.</exception>
    public RowEncoder(Schema schema, ReadOnlySpan<int> columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _columns = columns.ToArray();
        _types = new DataType[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            if ((uint)column >= (uint)schema.Count)
            {
                throw new ArgumentException($"Column {column} is outside the schema {schema}.", nameof(columns));
            }

            _types[i] = schema[column].DataType;
        }

        _kinds = new Kind[_types.Length];
        for (var i = 0; i < _types.Length; i++)
        {
            _kinds[i] = _types[i].PhysicalType switch
            {
                PhysicalType.Int32 => Kind.Int32,
                PhysicalType.Int64 or PhysicalType.Decimal64 => Kind.Int64,
                PhysicalType.Float64 => Kind.Float64,
                PhysicalType.Utf8 or PhysicalType.Binary => Kind.Bytes,
                _ => Kind.Other,
            };
        }
    }

    /// <summary>Creates an encoder of every column of <paramref name="schema"/>.</summary>
    public static RowEncoder AllColumns(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new RowEncoder(schema, Enumerable.Range(0, schema.Count).ToArray());
    }

    /// <summary>The encoded columns.</summary>
    public ReadOnlySpan<int> Columns => _columns;

    /// <summary>The types of the encoded columns, in order.</summary>
    public IReadOnlyList<DataType> Types => _types;

    /// <summary>True when any encoded column is null in physical row <paramref name="physicalRow"/>.</summary>
    public bool AnyNull(RecordBatch batch, int physicalRow)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var column in _columns)
        {
            if (batch.Column(column).IsNull(physicalRow))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Encodes physical row <paramref name="physicalRow"/> into the scratch buffer and returns it (valid until the next call).</summary>
    public ReadOnlySpan<byte> EncodeToScratch(RecordBatch batch, int physicalRow)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var writer = _scratch;
        writer.Reset();
        var kinds = _kinds;
        var columns = _columns;
        for (var i = 0; i < columns.Length; i++)
        {
            var column = batch.Column(columns[i]);
            switch (kinds[i])
            {
                case Kind.Int64 when column is PrimitiveVector<long> longs:
                    WriteFixed(writer, longs.IsNull(physicalRow), longs.Values[physicalRow]);
                    break;
                case Kind.Int32 when column is PrimitiveVector<int> ints:
                    WriteFixed(writer, ints.IsNull(physicalRow), ints.Values[physicalRow]);
                    break;
                case Kind.Float64 when column is PrimitiveVector<double> doubles:
                    WriteFixed(writer, doubles.IsNull(physicalRow), BitConverter.DoubleToInt64Bits(doubles.Values[physicalRow]));
                    break;
                case Kind.Bytes when column is BytesVector bytes:
                    if (bytes.IsNull(physicalRow))
                    {
                        writer.WriteByte(0);
                    }
                    else
                    {
                        WriteBytesValue(writer, bytes.GetBytes(physicalRow));
                    }

                    break;
                default:
                    WriteValue(column, physicalRow, writer);
                    break;
            }
        }

        return writer.WrittenSpan;
    }

    /// <summary>An 8-byte value: its presence byte, then its little-endian bytes (or the null byte alone), in one reservation.</summary>
    private static void WriteFixed(BinaryBufferWriter writer, bool isNull, long value)
    {
        if (isNull)
        {
            writer.WriteByte(0);
            return;
        }

        var span = writer.GetSpan(9);
        span[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], value);
        writer.Advance(9);
    }

    /// <summary>A 4-byte value: its presence byte, then its little-endian bytes (or the null byte alone), in one reservation.</summary>
    private static void WriteFixed(BinaryBufferWriter writer, bool isNull, int value)
    {
        if (isNull)
        {
            writer.WriteByte(0);
            return;
        }

        var span = writer.GetSpan(5);
        span[0] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], value);
        writer.Advance(5);
    }

    /// <summary>A present string or bytes value: its presence byte, its var-int length, then the bytes, in one reservation.</summary>
    private static void WriteBytesValue(BinaryBufferWriter writer, ReadOnlySpan<byte> value)
    {
        var span = writer.GetSpan(1 + 5 + value.Length);
        span[0] = 1;
        var position = 1;
        var length = (uint)value.Length;
        while (length >= 0x80)
        {
            span[position++] = (byte)(length | 0x80);
            length >>= 7;
        }

        span[position++] = (byte)length;
        value.CopyTo(span[position..]);
        writer.Advance(position + value.Length);
    }

    /// <summary>The key of physical row <paramref name="physicalRow"/>.</summary>
    public RowKey KeyOf(RecordBatch batch, int physicalRow) => new(EncodeToScratch(batch, physicalRow).ToArray());

    /// <summary>The state row of physical row <paramref name="physicalRow"/>.</summary>
    public RowData RowOf(RecordBatch batch, int physicalRow) => new(EncodeToScratch(batch, physicalRow).ToArray());

    /// <summary>
    /// Appends the values in <paramref name="encoded"/> (written by an encoder of the same types) to the columns
    /// <paramref name="firstColumn"/>, <paramref name="firstColumn"/> + 1, ... of <paramref name="builder"/>.
    /// </summary>
    public void AppendTo(ReadOnlyMemory<byte> encoded, RecordBatchBuilder builder, int firstColumn) => AppendTo(encoded.Span, builder, firstColumn);

    /// <summary>
    /// Appends the values in <paramref name="encoded"/> (written by an encoder of the same types) to the columns
    /// <paramref name="firstColumn"/>, <paramref name="firstColumn"/> + 1, ... of <paramref name="builder"/>.
    /// </summary>
    public void AppendTo(ReadOnlySpan<byte> encoded, RecordBatchBuilder builder, int firstColumn)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Read straight from the span: this runs once per emitted row, so no reader object is made.
        var data = encoded;
        var position = 0;
        for (var i = 0; i < _types.Length; i++)
        {
            ReadValue(_types[i], data, ref position, builder.Column(firstColumn + i));
        }
    }

    /// <summary>Appends nulls to the columns <paramref name="firstColumn"/>.. of <paramref name="builder"/> (one per encoded column).</summary>
    public void AppendNulls(RecordBatchBuilder builder, int firstColumn)
    {
        ArgumentNullException.ThrowIfNull(builder);
        for (var i = 0; i < _types.Length; i++)
        {
            builder.AppendNull(firstColumn + i);
        }
    }

    /// <summary>
    /// Decodes the values in <paramref name="encoded"/> as boxed .NET values (allocates). With
    /// <paramref name="storedTimestamps"/>, TIMESTAMP and TIMESTAMP_LTZ values come as their stored Int64 (microseconds,
    /// or nanoseconds above precision 6) instead of a <see cref="DateTime"/>, which keeps only 100 ns.
    /// </summary>
    public object?[] Decode(ReadOnlyMemory<byte> encoded, bool storedTimestamps = false)
    {
        var values = new object?[_types.Length];
        var position = 0;
        for (var i = 0; i < _types.Length; i++)
        {
            using var builder = ColumnVectorBuilder.Create(_types[i], 1);
            ReadValue(_types[i], encoded.Span, ref position, builder);
            using var vector = builder.Build();
            values[i] = storedTimestamps && vector is PrimitiveVector<long> stored
                && _types[i].TypeId is TypeId.Timestamp or TypeId.TimestampLtz && !vector.IsNull(0)
                ? stored.Values[0]
                : vector.GetValue(0);
        }

        return values;
    }

    /// <summary>
    /// Reads the value of encoded column <paramref name="index"/> (a position among <see cref="Columns"/>) of
    /// <paramref name="encoded"/> as its stored 64-bit integer (BIGINT, TIME, TIMESTAMP and TIMESTAMP_LTZ in their stored
    /// unit, DECIMAL(p ≤ 18) unscaled), skipping the values before it; false when it is null.
    /// </summary>
    /// <exception cref="ArgumentException">The column is not stored as a 64-bit integer.</exception>
    public bool TryReadInt64(ReadOnlySpan<byte> encoded, int index, out long value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_types.Length, nameof(index));
        if (_types[index].PhysicalType is not (PhysicalType.Int64 or PhysicalType.Decimal64))
        {
            throw new ArgumentException($"Column {index} is {_types[index]}, not stored as a 64-bit integer.", nameof(index));
        }

        var position = 0;
        for (var i = 0; i < index; i++)
        {
            SkipValue(_types[i], encoded, ref position);
        }

        if (Take(encoded, ref position, 1)[0] == 0)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadInt64LittleEndian(Take(encoded, ref position, 8));
        return true;
    }

    /// <summary>Moves <paramref name="position"/> past one encoded value of <paramref name="type"/> (its null byte included).</summary>
    private static void SkipValue(DataType type, ReadOnlySpan<byte> data, ref int position)
    {
        if (Take(data, ref position, 1)[0] == 0)
        {
            return;
        }

        switch (type.PhysicalType)
        {
            case PhysicalType.Boolean:
            case PhysicalType.Int8:
                Take(data, ref position, 1);
                break;
            case PhysicalType.Int16:
                Take(data, ref position, 2);
                break;
            case PhysicalType.Int32:
            case PhysicalType.Float32:
                Take(data, ref position, 4);
                break;
            case PhysicalType.Int64:
            case PhysicalType.Decimal64:
            case PhysicalType.Float64:
                Take(data, ref position, 8);
                break;
            case PhysicalType.Decimal128:
                Take(data, ref position, 16);
                break;
            case PhysicalType.Utf8:
            case PhysicalType.Binary:
                Take(data, ref position, ReadLength(data, ref position));
                break;
            case PhysicalType.List:
            {
                var count = ReadLength(data, ref position);
                for (var i = 0; i < count; i++)
                {
                    SkipValue(type.ElementType!, data, ref position);
                }

                break;
            }

            case PhysicalType.Map:
            {
                var count = ReadLength(data, ref position);
                for (var i = 0; i < count; i++)
                {
                    SkipValue(type.KeyType!, data, ref position);
                    SkipValue(type.ValueType!, data, ref position);
                }

                break;
            }

            case PhysicalType.Struct:
                foreach (var field in type.Fields)
                {
                    SkipValue(field.DataType, data, ref position);
                }

                break;
            default:
                throw new NotSupportedException($"Values of {type} cannot be decoded from a row.");
        }
    }

    private static void WriteValue(ColumnVector column, int row, BinaryBufferWriter writer)
    {
        if (column.IsNull(row))
        {
            writer.WriteByte(0);
            return;
        }

        writer.WriteByte(1);
        switch (column)
        {
            case BooleanVector b:
                writer.WriteBoolean(b[row]);
                break;
            case PrimitiveVector<sbyte> v:
                writer.WriteByte((byte)v.Values[row]);
                break;
            case PrimitiveVector<short> v:
                BinaryPrimitives.WriteInt16LittleEndian(writer.GetSpan(2), v.Values[row]);
                writer.Advance(2);
                break;
            case PrimitiveVector<int> v:
                writer.WriteInt32(v.Values[row]);
                break;
            case PrimitiveVector<long> v:
                writer.WriteInt64(v.Values[row]);
                break;
            case PrimitiveVector<float> v:
                writer.WriteInt32(BitConverter.SingleToInt32Bits(v.Values[row]));
                break;
            case PrimitiveVector<double> v:
                writer.WriteDouble(v.Values[row]);
                break;
            case PrimitiveVector<Int128> v:
                var value = v.Values[row];
                writer.WriteInt64((long)(ulong)value);
                writer.WriteInt64((long)(value >> 64));
                break;
            case BytesVector v:
                writer.WriteBytes(v.GetBytes(row));
                break;
            case ListVector list:
            {
                var (start, count) = list.GetRange(row);
                writer.WriteVarUInt64((ulong)count);
                for (var i = 0; i < count; i++)
                {
                    WriteValue(list.Elements, start + i, writer);
                }

                break;
            }

            case MapVector map:
            {
                var (start, count) = map.GetRange(row);
                writer.WriteVarUInt64((ulong)count);
                for (var i = 0; i < count; i++)
                {
                    WriteValue(map.Keys, start + i, writer);
                    WriteValue(map.Values, start + i, writer);
                }

                break;
            }

            case StructVector structure:
                for (var i = 0; i < structure.ChildCount; i++)
                {
                    WriteValue(structure.Child(i), row, writer);
                }

                break;
            default:
                throw new NotSupportedException($"Columns of {column.DataType} cannot be encoded in a row.");
        }
    }

    private static void ReadValue(DataType type, ReadOnlySpan<byte> data, ref int position, ColumnVectorBuilder builder)
    {
        if (Take(data, ref position, 1)[0] == 0)
        {
            builder.AppendNull();
            return;
        }

        switch (type.PhysicalType)
        {
            case PhysicalType.Boolean:
                ((BooleanVectorBuilder)builder).Append(Take(data, ref position, 1)[0] != 0);
                break;
            case PhysicalType.Int8:
                ((PrimitiveVectorBuilder<sbyte>)builder).Append((sbyte)Take(data, ref position, 1)[0]);
                break;
            case PhysicalType.Int16:
                ((PrimitiveVectorBuilder<short>)builder).Append(BinaryPrimitives.ReadInt16LittleEndian(Take(data, ref position, 2)));
                break;
            case PhysicalType.Int32:
                ((PrimitiveVectorBuilder<int>)builder).Append(BinaryPrimitives.ReadInt32LittleEndian(Take(data, ref position, 4)));
                break;
            case PhysicalType.Int64:
            case PhysicalType.Decimal64:
                ((PrimitiveVectorBuilder<long>)builder).Append(BinaryPrimitives.ReadInt64LittleEndian(Take(data, ref position, 8)));
                break;
            case PhysicalType.Float32:
                ((PrimitiveVectorBuilder<float>)builder).Append(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(Take(data, ref position, 4))));
                break;
            case PhysicalType.Float64:
                ((PrimitiveVectorBuilder<double>)builder).Append(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Take(data, ref position, 8))));
                break;
            case PhysicalType.Decimal128:
                var low = (ulong)BinaryPrimitives.ReadInt64LittleEndian(Take(data, ref position, 8));
                var high = BinaryPrimitives.ReadInt64LittleEndian(Take(data, ref position, 8));
                ((PrimitiveVectorBuilder<Int128>)builder).Append(((Int128)high << 64) | low);
                break;
            case PhysicalType.Utf8:
            case PhysicalType.Binary:
                var length = ReadLength(data, ref position);
                ((BytesVectorBuilder)builder).Append(Take(data, ref position, length));
                break;
            case PhysicalType.List:
            {
                var list = (ListVectorBuilder)builder;
                var count = ReadLength(data, ref position);
                list.StartEntry();
                for (var i = 0; i < count; i++)
                {
                    ReadValue(type.ElementType!, data, ref position, list.Elements);
                }

                break;
            }

            case PhysicalType.Map:
            {
                var map = (MapVectorBuilder)builder;
                var count = ReadLength(data, ref position);
                map.StartEntry();
                for (var i = 0; i < count; i++)
                {
                    ReadValue(type.KeyType!, data, ref position, map.Keys);
                    ReadValue(type.ValueType!, data, ref position, map.Values);
                }

                break;
            }

            case PhysicalType.Struct:
            {
                var structure = (StructVectorBuilder)builder;
                structure.AppendRow();
                for (var i = 0; i < type.Fields.Count; i++)
                {
                    ReadValue(type.Fields[i].DataType, data, ref position, structure.Child(i));
                }

                break;
            }

            default:
                throw new NotSupportedException($"Values of {type} cannot be decoded from a row.");
        }
    }

    /// <summary>The next <paramref name="count"/> bytes of an encoded row; a truncated row is corrupt state.</summary>
    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int position, int count)
    {
        if ((uint)count > (uint)(data.Length - position))
        {
            throw new StateException($"An encoded row ends after {data.Length} bytes, but a value at byte {position} needs {count}.",
                ErrorDomain.External);
        }

        var slice = data.Slice(position, count);
        position += count;
        return slice;
    }

    /// <summary>
    /// A var-int length prefix (as <see cref="BinaryBufferWriter.WriteBytes"/> writes it) or element count of a nested
    /// value (each element takes at least its null byte, so neither can exceed the bytes left).
    /// </summary>
    private static int ReadLength(ReadOnlySpan<byte> data, ref int position)
    {
        ulong length = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Take(data, ref position, 1)[0];
            length |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return length <= (ulong)(data.Length - position)
                    ? (int)length
                    : throw new StateException($"An encoded row's value at byte {position} claims {length} bytes, past its end.", ErrorDomain.External);
            }
        }

        throw new StateException($"An encoded row has a malformed length before byte {position}.", ErrorDomain.External);
    }
}
