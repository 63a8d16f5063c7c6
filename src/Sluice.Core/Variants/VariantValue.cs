using System.Buffers.Binary;
using System.Text;
using Sluice.Core.Errors;

namespace Sluice.Core.Variants;

/// <summary>
/// A read-only view of one <c>VARIANT</c> value in Spark's variant binary encoding (the encoding Flink's
/// <c>BinaryVariant</c> uses): the metadata (a header byte — version 1, sorted-strings flag, offset size — the
/// dictionary size, the offsets and the UTF-8 key strings) followed by the value (a header byte whose low two bits are
/// the basic type — primitive, short string, object, array — and whose high six bits are the primitive type, the short
/// string's length or the object's/array's size fields). A column stores each variant as one byte string: its metadata
/// immediately followed by its value.
/// </summary>
/// <remarks>
/// Field and element access return views over the same bytes (the metadata is shared); <see cref="CopyTo"/> writes a
/// sub-value as a variant of its own (the shared metadata followed by the sub-value's bytes). Reading malformed bytes
/// throws <see cref="StateException"/>.
/// </remarks>
public readonly ref struct VariantValue
{
    internal const int BasicPrimitive = 0;
    internal const int BasicShortString = 1;
    internal const int BasicObject = 2;
    internal const int BasicArray = 3;

    internal const int PrimitiveNull = 0;
    internal const int PrimitiveTrue = 1;
    internal const int PrimitiveFalse = 2;
    internal const int PrimitiveInt8 = 3;
    internal const int PrimitiveInt16 = 4;
    internal const int PrimitiveInt32 = 5;
    internal const int PrimitiveInt64 = 6;
    internal const int PrimitiveDouble = 7;
    internal const int PrimitiveDecimal4 = 8;
    internal const int PrimitiveDecimal8 = 9;
    internal const int PrimitiveDecimal16 = 10;
    internal const int PrimitiveDate = 11;
    internal const int PrimitiveTimestamp = 12;
    internal const int PrimitiveTimestampNtz = 13;
    internal const int PrimitiveFloat = 14;
    internal const int PrimitiveBinary = 15;
    internal const int PrimitiveString = 16;

    private readonly ReadOnlySpan<byte> _metadata;
    private readonly ReadOnlySpan<byte> _value;

    /// <summary>A view of an encoded variant: its metadata followed by its value.</summary>
    /// <exception cref="StateException">The bytes do not start with valid variant metadata.</exception>
    public VariantValue(ReadOnlySpan<byte> encoded)
    {
        var metadataLength = MetadataLength(encoded);
        _metadata = encoded[..metadataLength];
        _value = encoded[metadataLength..];
        if (_value.IsEmpty)
        {
            ThrowHelper.ThrowCorrupt("A variant has metadata but no value.");
        }
    }

    private VariantValue(ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> value)
    {
        _metadata = metadata;
        _value = value;
    }

    /// <summary>The kind of the value.</summary>
    public VariantKind Kind
    {
        get
        {
            var header = _value[0];
            switch (header & 3)
            {
                case BasicShortString:
                    return VariantKind.String;
                case BasicObject:
                    return VariantKind.Object;
                case BasicArray:
                    return VariantKind.Array;
            }

            return (header >> 2) switch
            {
                PrimitiveNull => VariantKind.Null,
                PrimitiveTrue or PrimitiveFalse => VariantKind.Boolean,
                PrimitiveInt8 or PrimitiveInt16 or PrimitiveInt32 or PrimitiveInt64 => VariantKind.Integer,
                PrimitiveDouble => VariantKind.Double,
                PrimitiveDecimal4 or PrimitiveDecimal8 or PrimitiveDecimal16 => VariantKind.Decimal,
                PrimitiveDate => VariantKind.Date,
                PrimitiveTimestamp => VariantKind.TimestampLtz,
                PrimitiveTimestampNtz => VariantKind.Timestamp,
                PrimitiveFloat => VariantKind.Float,
                PrimitiveBinary => VariantKind.Binary,
                PrimitiveString => VariantKind.String,
                var other => throw new StateException($"Unknown variant primitive type {other}.", ErrorDomain.External),
            };
        }
    }

    /// <summary>
    /// The SQL name of the stored kind, for messages and <c>TYPEOF</c>-like output: <c>NULL</c>, <c>BOOLEAN</c>,
    /// <c>TINYINT</c>, <c>SMALLINT</c>, <c>INT</c>, <c>BIGINT</c>, <c>DOUBLE</c>, <c>FLOAT</c>, <c>DECIMAL(p, s)</c>,
    /// <c>STRING</c>, <c>DATE</c>, <c>TIMESTAMP</c>, <c>TIMESTAMP_LTZ</c>, <c>BYTES</c>, <c>OBJECT</c>, <c>ARRAY</c>.
    /// </summary>
    public string KindName
    {
        get
        {
            if ((_value[0] & 3) == BasicPrimitive)
            {
                switch (_value[0] >> 2)
                {
                    case PrimitiveInt8:
                        return "TINYINT";
                    case PrimitiveInt16:
                        return "SMALLINT";
                    case PrimitiveInt32:
                        return "INT";
                    case PrimitiveInt64:
                        return "BIGINT";
                    case PrimitiveDecimal4 or PrimitiveDecimal8 or PrimitiveDecimal16:
                        var (unscaled, scale) = GetDecimal();
                        var digits = Math.Max(1, Int128.Abs(unscaled).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
                        return $"DECIMAL({Math.Max(digits, scale)}, {scale})";
                }
            }

            return Kind switch
            {
                VariantKind.Null => "NULL",
                VariantKind.Boolean => "BOOLEAN",
                VariantKind.Double => "DOUBLE",
                VariantKind.Float => "FLOAT",
                VariantKind.String => "STRING",
                VariantKind.Date => "DATE",
                VariantKind.Timestamp => "TIMESTAMP",
                VariantKind.TimestampLtz => "TIMESTAMP_LTZ",
                VariantKind.Binary => "BYTES",
                VariantKind.Object => "OBJECT",
                _ => "ARRAY",
            };
        }
    }

    /// <summary>True for the JSON <c>null</c>.</summary>
    public bool IsNull => _value[0] == (PrimitiveNull << 2);

    /// <summary>The boolean (kind <see cref="VariantKind.Boolean"/>).</summary>
    public bool GetBoolean() => Primitive(VariantKind.Boolean) == PrimitiveTrue;

    /// <summary>The integer (kind <see cref="VariantKind.Integer"/>).</summary>
    public long GetInt64() => Primitive(VariantKind.Integer) switch
    {
        PrimitiveInt8 => (sbyte)Payload(1)[0],
        PrimitiveInt16 => BinaryPrimitives.ReadInt16LittleEndian(Payload(2)),
        PrimitiveInt32 => BinaryPrimitives.ReadInt32LittleEndian(Payload(4)),
        _ => BinaryPrimitives.ReadInt64LittleEndian(Payload(8)),
    };

    /// <summary>The 64-bit floating-point number (kind <see cref="VariantKind.Double"/>).</summary>
    public double GetDouble()
    {
        Primitive(VariantKind.Double);
        return BinaryPrimitives.ReadDoubleLittleEndian(Payload(8));
    }

    /// <summary>The 32-bit floating-point number (kind <see cref="VariantKind.Float"/>).</summary>
    public float GetFloat()
    {
        Primitive(VariantKind.Float);
        return BinaryPrimitives.ReadSingleLittleEndian(Payload(4));
    }

    /// <summary>The decimal as its unscaled value and scale (kind <see cref="VariantKind.Decimal"/>).</summary>
    public (Int128 Unscaled, int Scale) GetDecimal()
    {
        switch (Primitive(VariantKind.Decimal))
        {
            case PrimitiveDecimal4:
                var p4 = Payload(5);
                return (BinaryPrimitives.ReadInt32LittleEndian(p4[1..]), p4[0]);
            case PrimitiveDecimal8:
                var p8 = Payload(9);
                return (BinaryPrimitives.ReadInt64LittleEndian(p8[1..]), p8[0]);
            default:
                var p16 = Payload(17);
                return (BinaryPrimitives.ReadInt128LittleEndian(p16[1..]), p16[0]);
        }
    }

    /// <summary>The UTF-8 bytes of the string (kind <see cref="VariantKind.String"/>).</summary>
    public ReadOnlySpan<byte> GetUtf8()
    {
        var header = _value[0];
        if ((header & 3) == BasicShortString)
        {
            return Slice(_value, 1, header >> 2);
        }

        Primitive(VariantKind.String);
        return Slice(_value, 5, ReadLength());
    }

    /// <summary>The string (kind <see cref="VariantKind.String"/>).</summary>
    public string GetString() => Encoding.UTF8.GetString(GetUtf8());

    /// <summary>The bytes (kind <see cref="VariantKind.Binary"/>).</summary>
    public ReadOnlySpan<byte> GetBinary()
    {
        Primitive(VariantKind.Binary);
        return Slice(_value, 5, ReadLength());
    }

    /// <summary>The date as days since 1970-01-01 (kind <see cref="VariantKind.Date"/>).</summary>
    public int GetDate()
    {
        Primitive(VariantKind.Date);
        return BinaryPrimitives.ReadInt32LittleEndian(Payload(4));
    }

    /// <summary>Microseconds since the epoch (kinds <see cref="VariantKind.Timestamp"/> and <see cref="VariantKind.TimestampLtz"/>).</summary>
    public long GetTimestampMicros()
    {
        var kind = Kind;
        if (kind is not (VariantKind.Timestamp or VariantKind.TimestampLtz))
        {
            ThrowHelper.ThrowInvalidOperation($"The variant holds {KindName}, not a timestamp.");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(Payload(8));
    }

    /// <summary>The number of fields of an object or elements of an array.</summary>
    public int Count
    {
        get
        {
            var (count, _, _, _) = Container();
            return count;
        }
    }

    /// <summary>The name of field <paramref name="index"/> of an object (fields are in key order).</summary>
    public ReadOnlySpan<byte> GetFieldNameUtf8(int index)
    {
        var (count, idSize, offsetSize, start) = Container(VariantKind.Object);
        CheckIndex(index, count);
        var id = ReadUnsigned(_value, start + (index * idSize), idSize);
        _ = offsetSize;
        return DictionaryKey(id);
    }

    /// <summary>The value of field <paramref name="index"/> of an object (fields are in key order).</summary>
    public VariantValue GetFieldValue(int index)
    {
        var (count, idSize, offsetSize, start) = Container(VariantKind.Object);
        CheckIndex(index, count);
        var offsets = start + (count * idSize);
        var data = offsets + ((count + 1) * offsetSize);
        return At(data + ReadUnsigned(_value, offsets + (index * offsetSize), offsetSize));
    }

    /// <summary>The element at zero-based <paramref name="index"/> of an array.</summary>
    public VariantValue GetElement(int index)
    {
        var (count, _, offsetSize, start) = Container(VariantKind.Array);
        CheckIndex(index, count);
        var data = start + ((count + 1) * offsetSize);
        return At(data + ReadUnsigned(_value, start + (index * offsetSize), offsetSize));
    }

    /// <summary>The value of the field named <paramref name="keyUtf8"/>, if this is an object that has it.</summary>
    /// <remarks>A binary search: an object's fields are sorted by key, as the encoding requires.</remarks>
    public bool TryGetField(ReadOnlySpan<byte> keyUtf8, out VariantValue value)
    {
        if (Kind == VariantKind.Object)
        {
            var (count, idSize, offsetSize, start) = Container(VariantKind.Object);
            var low = 0;
            var high = count - 1;
            while (low <= high)
            {
                var middle = (int)((uint)(low + high) >> 1);
                var order = CompareKeys(DictionaryKey(ReadUnsigned(_value, start + (middle * idSize), idSize)), keyUtf8);
                if (order == 0)
                {
                    var offsets = start + (count * idSize);
                    var data = offsets + ((count + 1) * offsetSize);
                    value = At(data + ReadUnsigned(_value, offsets + (middle * offsetSize), offsetSize));
                    return true;
                }

                if (order < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Compares two UTF-8 keys in the order of their UTF-16 code units, the order <see cref="VariantBuilder"/> sorts an
    /// object's fields in (ordinal string order, as Spark's Java strings): code point order, except that characters
    /// beyond U+FFFF (four-byte sequences, whose UTF-16 surrogates are D800–DFFF) come before U+E000–U+FFFF.
    /// </summary>
    internal static int CompareKeys(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var common = left.CommonPrefixLength(right);
        if (common == left.Length || common == right.Length)
        {
            return left.Length.CompareTo(right.Length);
        }

        // The first differing bytes start characters of the same position; a lead byte F0-F4 starts a four-byte sequence,
        // EE or EF a character of U+E000-U+FFFF.
        var (x, y) = (left[common], right[common]);
        if (x >= 0xF0 && y is 0xEE or 0xEF)
        {
            return -1;
        }

        if (y >= 0xF0 && x is 0xEE or 0xEF)
        {
            return 1;
        }

        return x.CompareTo(y);
    }

    /// <summary>The element at zero-based <paramref name="index"/>, if this is an array that long.</summary>
    public bool TryGetElement(long index, out VariantValue value)
    {
        if (Kind == VariantKind.Array && index >= 0 && index < Count)
        {
            value = GetElement((int)index);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The number of bytes <see cref="CopyTo"/> writes: the metadata plus this value.</summary>
    public int EncodedLength => _metadata.Length + ValueSize(_value);

    /// <summary>Writes this value as a variant of its own (the metadata followed by the value's bytes); returns the length.</summary>
    public int CopyTo(Span<byte> destination)
    {
        var size = ValueSize(_value);
        _metadata.CopyTo(destination);
        _value[..size].CopyTo(destination[_metadata.Length..]);
        return _metadata.Length + size;
    }

    /// <summary>The value as a variant of its own (see <see cref="CopyTo"/>).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The JSON text of the value (see <see cref="VariantJson.Write"/>).</summary>
    public override string ToString() => VariantJson.ToJson(this);

    internal static int MetadataLength(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty || (encoded[0] & 0x0F) != 1)
        {
            ThrowHelper.ThrowCorrupt("A variant's metadata does not start with a version 1 header.");
        }

        var offsetSize = ((encoded[0] >> 6) & 3) + 1;
        var dictionarySize = ReadUnsigned(encoded, 1, offsetSize);
        var offsets = 1 + offsetSize;
        var last = ReadUnsigned(encoded, offsets + (dictionarySize * offsetSize), offsetSize);
        var length = offsets + ((dictionarySize + 1) * offsetSize) + last;
        if (length > encoded.Length || length < 0)
        {
            ThrowHelper.ThrowCorrupt("A variant's metadata runs past its end.");
        }

        return length;
    }

    internal static int ReadUnsigned(ReadOnlySpan<byte> bytes, int position, int size)
    {
        if (position < 0 || position + size > bytes.Length)
        {
            ThrowHelper.ThrowCorrupt("A variant runs past its end.");
        }

        var result = 0;
        for (var i = 0; i < size; i++)
        {
            result |= bytes[position + i] << (8 * i);
        }

        if (result < 0)
        {
            ThrowHelper.ThrowCorrupt("A variant offset is out of range.");
        }

        return result;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> bytes, int start, int length)
    {
        if (start + length > bytes.Length || length < 0)
        {
            ThrowHelper.ThrowCorrupt("A variant runs past its end.");
        }

        return bytes.Slice(start, length);
    }

    private static void CheckIndex(int index, int count)
    {
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The index must be below {count}.");
        }
    }

    private static int ValueSize(ReadOnlySpan<byte> value)
    {
        var header = value[0];
        var basic = header & 3;
        var info = header >> 2;
        switch (basic)
        {
            case BasicShortString:
                return 1 + info;
            case BasicObject:
            {
                var large = (info & 0x10) != 0;
                var idSize = ((info >> 2) & 3) + 1;
                var offsetSize = (info & 3) + 1;
                var sizeBytes = large ? 4 : 1;
                var count = ReadUnsigned(value, 1, sizeBytes);
                var offsets = 1 + sizeBytes + (count * idSize);
                return offsets + ((count + 1) * offsetSize) + ReadUnsigned(value, offsets + (count * offsetSize), offsetSize);
            }

            case BasicArray:
            {
                var large = (info & 0x04) != 0;
                var offsetSize = (info & 3) + 1;
                var sizeBytes = large ? 4 : 1;
                var count = ReadUnsigned(value, 1, sizeBytes);
                var offsets = 1 + sizeBytes;
                return offsets + ((count + 1) * offsetSize) + ReadUnsigned(value, offsets + (count * offsetSize), offsetSize);
            }
        }

        return info switch
        {
            PrimitiveNull or PrimitiveTrue or PrimitiveFalse => 1,
            PrimitiveInt8 => 2,
            PrimitiveInt16 => 3,
            PrimitiveInt32 or PrimitiveDate or PrimitiveFloat => 5,
            PrimitiveInt64 or PrimitiveDouble or PrimitiveTimestamp or PrimitiveTimestampNtz => 9,
            PrimitiveDecimal4 => 6,
            PrimitiveDecimal8 => 10,
            PrimitiveDecimal16 => 18,
            PrimitiveBinary or PrimitiveString => 5 + ReadUnsigned(value, 1, 4),
            _ => throw new StateException($"Unknown variant primitive type {info}.", ErrorDomain.External),
        };
    }

    private VariantValue At(int position)
    {
        if (position >= _value.Length)
        {
            ThrowHelper.ThrowCorrupt("A variant offset points past its end.");
        }

        return new VariantValue(_metadata, _value[position..]);
    }

    private ReadOnlySpan<byte> DictionaryKey(int id)
    {
        var offsetSize = ((_metadata[0] >> 6) & 3) + 1;
        var dictionarySize = ReadUnsigned(_metadata, 1, offsetSize);
        if (id >= dictionarySize)
        {
            ThrowHelper.ThrowCorrupt($"Variant field id {id} is not in the dictionary of {dictionarySize} keys.");
        }

        var offsets = 1 + offsetSize;
        var strings = offsets + ((dictionarySize + 1) * offsetSize);
        var start = ReadUnsigned(_metadata, offsets + (id * offsetSize), offsetSize);
        var end = ReadUnsigned(_metadata, offsets + ((id + 1) * offsetSize), offsetSize);
        return Slice(_metadata, strings + start, end - start);
    }

    private (int Count, int IdSize, int OffsetSize, int Start) Container(VariantKind? expected = null)
    {
        var header = _value[0];
        var basic = header & 3;
        var info = header >> 2;
        if (basic == BasicObject && expected is null or VariantKind.Object)
        {
            var sizeBytes = (info & 0x10) != 0 ? 4 : 1;
            return (ReadUnsigned(_value, 1, sizeBytes), ((info >> 2) & 3) + 1, (info & 3) + 1, 1 + sizeBytes);
        }

        if (basic == BasicArray && expected is null or VariantKind.Array)
        {
            var sizeBytes = (info & 0x04) != 0 ? 4 : 1;
            return (ReadUnsigned(_value, 1, sizeBytes), 0, (info & 3) + 1, 1 + sizeBytes);
        }

        throw new InvalidOperationException($"The variant holds {KindName}, not {(expected == VariantKind.Array ? "an ARRAY" : expected == VariantKind.Object ? "an OBJECT" : "an OBJECT or ARRAY")}.");
    }

    private int Primitive(VariantKind expected)
    {
        var kind = Kind;
        if (kind != expected)
        {
            ThrowHelper.ThrowInvalidOperation($"The variant holds {KindName}, not {expected}.");
        }

        return _value[0] >> 2;
    }

    private ReadOnlySpan<byte> Payload(int length) => Slice(_value, 1, length);

    private int ReadLength() => ReadUnsigned(_value, 1, 4);
}
