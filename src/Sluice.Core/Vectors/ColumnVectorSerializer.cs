using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// The little-endian binary encoding of one <see cref="ColumnVector"/> (without its type or length, which the
/// reader supplies): a physical-type tag, the null bitmap if any, then the buffers of the kind, children
/// recursively. Used by <see cref="RecordBatchSerializer"/>. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Layout: <c>tag:u8, hasNulls:u8, [nulls:u64 × ceil(n/64)]</c>, then by kind: fixed-width
/// <c>values:T × n</c>; boolean <c>bits:u64 × ceil(n/64)</c>; bytes <c>offsets:i32 × (n+1), data:u8 × offsets[n]</c>;
/// list <c>offsets:i32 × (n+1), child</c>; map <c>offsets:i32 × (n+1), keys, values</c>; struct one child per field;
/// null nothing.
/// </remarks>
[SkipLocalsInit]
public static class ColumnVectorSerializer
{
    /// <summary>The largest vector length accepted when reading (protects against corrupt lengths).</summary>
    public const int MaxLength = 1 << 26;

    private const int MaxDepth = 64;

    /// <summary>Writes <paramref name="vector"/>.</summary>
    public static void Write(ColumnVector vector, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)vector.DataType.PhysicalType);
        var nulls = vector.NullBitmap;
        writer.WriteBoolean(!nulls.IsEmpty);
        if (!nulls.IsEmpty)
        {
            WriteSpan(writer, nulls);
        }

        switch (vector)
        {
            case PrimitiveVector<sbyte> v:
                WriteSpan<sbyte>(writer, v.Values);
                break;
            case PrimitiveVector<short> v:
                WriteSpan<short>(writer, v.Values);
                break;
            case PrimitiveVector<int> v:
                WriteSpan<int>(writer, v.Values);
                break;
            case PrimitiveVector<long> v:
                WriteSpan<long>(writer, v.Values);
                break;
            case PrimitiveVector<float> v:
                WriteSpan<float>(writer, v.Values);
                break;
            case PrimitiveVector<double> v:
                WriteSpan<double>(writer, v.Values);
                break;
            case PrimitiveVector<Int128> v:
                WriteSpan<Int128>(writer, v.Values);
                break;
            case BooleanVector v:
                WriteSpan(writer, v.Bits);
                break;
            case BytesVector v:
                WriteSpan(writer, v.Offsets);
                writer.WriteRaw(v.Data);
                break;
            case ListVector v:
                WriteSpan(writer, v.Offsets);
                Write(v.Elements, writer);
                break;
            case MapVector v:
                WriteSpan(writer, v.Offsets);
                Write(v.Keys, writer);
                Write(v.Values, writer);
                break;
            case StructVector v:
                for (var i = 0; i < v.ChildCount; i++)
                {
                    Write(v.Child(i), writer);
                }

                break;
            case NullVector:
                break;
            default:
                throw new InvalidOperationException($"Unknown vector kind {vector.GetType().Name}.");
        }
    }

    /// <summary>Reads a vector of <paramref name="length"/> values of <paramref name="dataType"/>.</summary>
    /// <exception cref="StateException">The data is truncated, corrupt, or was written for another type.</exception>
    public static ColumnVector Read(BinaryBufferReader reader, DataType dataType, int length)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(dataType);
        return Read(reader, dataType, length, 0);
    }

    private static ColumnVector Read(BinaryBufferReader reader, DataType type, int length, int depth)
    {
        if ((uint)length > MaxLength)
        {
            ThrowHelper.ThrowCorrupt($"Vector length {length} is out of range.");
        }

        if (depth > MaxDepth)
        {
            ThrowHelper.ThrowCorrupt("Vectors are nested too deeply.");
        }

        var tag = reader.ReadByte();
        if (tag != (byte)type.PhysicalType)
        {
            ThrowHelper.ThrowCorrupt($"Expected a vector of {type} ({type.PhysicalType}), found tag {tag}.");
        }

        var hasNulls = reader.ReadByte();
        if (hasNulls > 1)
        {
            ThrowHelper.ThrowCorrupt($"Invalid null flag {hasNulls}.");
        }

        ulong[]? nulls = null;
        if (hasNulls == 1)
        {
            nulls = ReadBitmap(reader, length);
        }

        try
        {
            return type.PhysicalType switch
            {
                PhysicalType.Int8 => ReadPrimitive<sbyte>(reader, type, length, nulls),
                PhysicalType.Int16 => ReadPrimitive<short>(reader, type, length, nulls),
                PhysicalType.Int32 => ReadPrimitive<int>(reader, type, length, nulls),
                PhysicalType.Int64 or PhysicalType.Decimal64 => ReadPrimitive<long>(reader, type, length, nulls),
                PhysicalType.Float32 => ReadPrimitive<float>(reader, type, length, nulls),
                PhysicalType.Float64 => ReadPrimitive<double>(reader, type, length, nulls),
                PhysicalType.Decimal128 => ReadPrimitive<Int128>(reader, type, length, nulls),
                PhysicalType.Boolean => new BooleanVector(type, ReadBitmap(reader, length), length, nulls),
                PhysicalType.Utf8 or PhysicalType.Binary => ReadBytes(reader, type, length, nulls),
                PhysicalType.List => ReadList(reader, type, length, nulls, depth),
                PhysicalType.Map => ReadMap(reader, type, length, nulls, depth),
                PhysicalType.Struct => ReadStruct(reader, type, length, nulls, depth),
                _ => ReadNull(type, length, nulls),
            };
        }
        catch
        {
            if (nulls is not null)
            {
                BufferPool.Return(nulls);
            }

            throw;
        }
    }

    private static PrimitiveVector<T> ReadPrimitive<T>(BinaryBufferReader reader, DataType type, int length, ulong[]? nulls)
        where T : unmanaged
    {
        var values = ReadArray<T>(reader, length);
        return new PrimitiveVector<T>(type, values, length, nulls);
    }

    private static BytesVector ReadBytes(BinaryBufferReader reader, DataType type, int length, ulong[]? nulls)
    {
        var offsets = ReadOffsets(reader, length);
        try
        {
            var count = offsets[length];
            EnsureRemaining(reader, count, 1);
            var data = BufferPool.Rent<byte>(count);
            reader.ReadRaw(count).CopyTo(data);
            return new BytesVector(type, offsets, data, length, nulls);
        }
        catch
        {
            BufferPool.Return(offsets);
            throw;
        }
    }

    private static ListVector ReadList(BinaryBufferReader reader, DataType type, int length, ulong[]? nulls, int depth)
    {
        var offsets = ReadOffsets(reader, length);
        try
        {
            var elements = Read(reader, type.ElementType!, offsets[length], depth + 1);
            return new ListVector(type, offsets, elements, length, nulls);
        }
        catch
        {
            BufferPool.Return(offsets);
            throw;
        }
    }

    private static MapVector ReadMap(BinaryBufferReader reader, DataType type, int length, ulong[]? nulls, int depth)
    {
        var offsets = ReadOffsets(reader, length);
        ColumnVector? keys = null;
        try
        {
            keys = Read(reader, type.KeyType!, offsets[length], depth + 1);
            var values = Read(reader, type.ValueType!, offsets[length], depth + 1);
            return new MapVector(type, offsets, keys, values, length, nulls);
        }
        catch
        {
            keys?.Dispose();
            BufferPool.Return(offsets);
            throw;
        }
    }

    private static StructVector ReadStruct(BinaryBufferReader reader, DataType type, int length, ulong[]? nulls, int depth)
    {
        var children = new ColumnVector[type.Fields.Count];
        var done = 0;
        try
        {
            for (; done < children.Length; done++)
            {
                children[done] = Read(reader, type.Fields[done].DataType, length, depth + 1);
            }

            return new StructVector(type, children, length, nulls);
        }
        catch
        {
            for (var i = 0; i < done; i++)
            {
                children[i].Dispose();
            }

            throw;
        }
    }

    private static NullVector ReadNull(DataType type, int length, ulong[]? nulls)
    {
        if (nulls is not null)
        {
            BufferPool.Return(nulls);
        }

        return new NullVector(type, length);
    }

    private static ulong[] ReadBitmap(BinaryBufferReader reader, int length)
    {
        var words = ReadArray<ulong>(reader, Bitmap.WordCount(length));
        Bitmap.ClearTail(words, length);
        return words;
    }

    /// <summary>Reads <paramref name="length"/> + 1 offsets and checks that they start at 0 and never decrease.</summary>
    private static int[] ReadOffsets(BinaryBufferReader reader, int length)
    {
        var offsets = ReadArray<int>(reader, length + 1);
        if (offsets[0] != 0)
        {
            BufferPool.Return(offsets);
            ThrowHelper.ThrowCorrupt("Offsets must start at 0.");
        }

        for (var i = 0; i < length; i++)
        {
            if (offsets[i + 1] < offsets[i])
            {
                BufferPool.Return(offsets);
                ThrowHelper.ThrowCorrupt($"Offsets decrease at {i}.");
            }
        }

        return offsets;
    }

    private static T[] ReadArray<T>(BinaryBufferReader reader, int count)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        EnsureRemaining(reader, count, size);
        var array = BufferPool.Rent<T>(count);
        var target = array.AsSpan(0, count);
        reader.ReadRaw(count * size).CopyTo(MemoryMarshal.AsBytes(target));
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEndianness(target);
        }

        return array;
    }

    private static void EnsureRemaining(BinaryBufferReader reader, int count, int size)
    {
        if ((long)count * size > reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"{count} values of {size} bytes run past the end of the data.");
        }
    }

    private static void WriteSpan<T>(BinaryBufferWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.WriteRaw(MemoryMarshal.AsBytes(values));
            return;
        }

        var copy = values.ToArray();
        ReverseEndianness<T>(copy);
        writer.WriteRaw(MemoryMarshal.AsBytes(copy.AsSpan()));
    }

    private static void ReverseEndianness<T>(Span<T> values)
        where T : unmanaged
    {
        switch (Unsafe.SizeOf<T>())
        {
            case 2:
                var shorts = MemoryMarshal.Cast<T, ushort>(values);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<T, uint>(values);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<T, ulong>(values);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
            case 16:
                var halves = MemoryMarshal.Cast<T, ulong>(values);
                BinaryPrimitives.ReverseEndianness(halves, halves);
                for (var i = 0; i + 1 < halves.Length; i += 2)
                {
                    (halves[i], halves[i + 1]) = (halves[i + 1], halves[i]);
                }

                break;
        }
    }
}
