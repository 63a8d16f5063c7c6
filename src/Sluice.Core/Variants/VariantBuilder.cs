using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sluice.Core.Variants;

/// <summary>
/// Builds <c>VARIANT</c> values (Spark's variant binary encoding, see <see cref="VariantValue"/>) from JSON text, as
/// Flink's <c>PARSE_JSON</c> does: integers as the smallest of 1/2/4/8-byte integers, other numbers without an exponent
/// as decimals when they fit 38 digits (else, and with an exponent, as doubles), strings shorter than 64 bytes as short
/// strings, object fields sorted by key with field ids into the metadata's dictionary (keys in the order first seen).
/// A key that appears twice in one object is an error unless duplicates are allowed, when the last one wins.
/// </summary>
/// <remarks>One instance is reused for many values (its buffers grow and stay); not thread-safe.</remarks>
public sealed class VariantBuilder
{
    private const int MaxDepth = 1000;
    private const int MaxCachedKeys = 4096;

    // Every key text seen (up to MaxCachedKeys) with its UTF-8 bytes, kept across values, so that a key seen before costs
    // no allocation; looked up by the key's characters.
    private readonly Dictionary<string, byte[]> _keyCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _keyCacheByChars;
    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal);
    private readonly List<byte[]> _keys = [];
    private readonly List<Field> _fields = [];
    private readonly List<int> _offsets = [];
    private char[] _keyChars = new char[256];
    private byte[] _stringScratch = new byte[256];
    private byte[] _buffer = new byte[256];
    private byte[] _result = new byte[256];
    private int _position;
    private int _resultLength;
    private bool _allowDuplicateKeys;

    /// <summary>A builder with empty buffers.</summary>
    public VariantBuilder() => _keyCacheByChars = _keyCache.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The variant built by the last successful <see cref="TryParseJson"/>: metadata followed by value.</summary>
    public ReadOnlySpan<byte> Result => _result.AsSpan(0, _resultLength);

    /// <summary>Parses one JSON value into a variant (see the class remarks); an encoded variant as a new array.</summary>
    /// <exception cref="FormatException">The text is not one valid JSON value, or an object repeats a key.</exception>
    public static byte[] ParseJson(string json, bool allowDuplicateKeys = false)
    {
        var builder = new VariantBuilder();
        if (!builder.TryParseJson(Encoding.UTF8.GetBytes(json), allowDuplicateKeys, out var error))
        {
            throw new FormatException(error);
        }

        return builder.Result.ToArray();
    }

    /// <summary>
    /// Parses the UTF-8 JSON text <paramref name="utf8Json"/> (one value, optionally surrounded by whitespace) into
    /// <see cref="Result"/>; false with a message when it is not valid JSON or (without
    /// <paramref name="allowDuplicateKeys"/>) an object repeats a key.
    /// </summary>
    public bool TryParseJson(ReadOnlySpan<byte> utf8Json, bool allowDuplicateKeys, out string? error)
    {
        _allowDuplicateKeys = allowDuplicateKeys;
        _keyIds.Clear();
        _keys.Clear();
        _fields.Clear();
        _offsets.Clear();
        _position = 0;
        _resultLength = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read())
            {
                error = "The input is empty: it holds no JSON value.";
                return false;
            }

            WriteValue(ref reader);
            if (reader.Read())
            {
                error = $"Unexpected content after the JSON value at byte {reader.TokenStartIndex}.";
                return false;
            }
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }

        WriteResult();
        error = null;
        return true;
    }

    /// <summary>
    /// Copies the JSON value <paramref name="reader"/> is positioned on (its first token) into a variant and leaves the
    /// reader on the value's last token, as <c>Skip</c> would; the variant is then in <see cref="Result"/>.
    /// </summary>
    /// <exception cref="FormatException">An object repeats a key and duplicates are not allowed.</exception>
    public void ReadJsonValue(ref Utf8JsonReader reader, bool allowDuplicateKeys)
    {
        _allowDuplicateKeys = allowDuplicateKeys;
        _keyIds.Clear();
        _keys.Clear();
        _fields.Clear();
        _offsets.Clear();
        _position = 0;
        WriteValue(ref reader);
        WriteResult();
    }

    private static int SizeOf(int value) => value <= 0xFF ? 1 : value <= 0xFFFF ? 2 : value <= 0xFFFFFF ? 3 : 4;

    private static void WriteUnsigned(Span<byte> destination, int value, int size)
    {
        for (var i = 0; i < size; i++)
        {
            destination[i] = (byte)(value >> (8 * i));
        }
    }

    private void WriteValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader);
                break;
            case JsonTokenType.StartArray:
                WriteArray(ref reader);
                break;
            case JsonTokenType.String:
                WriteString(ref reader);
                break;
            case JsonTokenType.Number:
                WriteNumber(ref reader);
                break;
            case JsonTokenType.True:
                WriteByte(VariantValue.PrimitiveTrue << 2);
                break;
            case JsonTokenType.False:
                WriteByte(VariantValue.PrimitiveFalse << 2);
                break;
            case JsonTokenType.Null:
                WriteByte(VariantValue.PrimitiveNull << 2);
                break;
            default:
                throw new FormatException($"Unexpected JSON token {reader.TokenType} at byte {reader.TokenStartIndex}.");
        }
    }

    private void WriteObject(ref Utf8JsonReader reader)
    {
        var start = _position;
        var firstField = _fields.Count;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (key, utf8) = Key(ref reader);
            if (!_keyIds.TryGetValue(key, out var id))
            {
                id = _keys.Count;
                _keyIds.Add(key, id);
                _keys.Add(utf8);
            }

            _fields.Add(new Field(key, id, _position - start));
            reader.Read();
            WriteValue(ref reader);
        }

        var count = _fields.Count - firstField;
        var fields = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_fields).Slice(firstField, count);
        fields.Sort(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : a.Offset.CompareTo(b.Offset);
        });

        var duplicates = false;
        for (var i = 1; i < count; i++)
        {
            if (string.Equals(fields[i].Key, fields[i - 1].Key, StringComparison.Ordinal))
            {
                if (!_allowDuplicateKeys)
                {
                    throw new FormatException($"Duplicate key \"{fields[i].Key}\" in a JSON object.");
                }

                duplicates = true;
            }
        }

        if (duplicates)
        {
            // Keep the last of each key and copy the kept values together, in key order.
            var values = _buffer.AsSpan(start, _position - start).ToArray();
            var kept = 0;
            _position = start;
            for (var i = 0; i < count; i++)
            {
                if (i + 1 < count && string.Equals(fields[i].Key, fields[i + 1].Key, StringComparison.Ordinal))
                {
                    continue;
                }

                var end = NextOffset(fields, fields[i].Offset, values.Length);
                var offset = _position - start;
                Append(values.AsSpan(fields[i].Offset, end - fields[i].Offset));
                fields[kept++] = fields[i] with { Offset = offset };
            }

            _fields.RemoveRange(firstField + kept, count - kept);
            count = kept;
            fields = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_fields).Slice(firstField, count);
        }

        var dataSize = _position - start;
        var maxId = 0;
        foreach (var field in fields)
        {
            maxId = Math.Max(maxId, field.Id);
        }

        var idSize = SizeOf(maxId);
        var offsetSize = SizeOf(dataSize);
        var large = count > 0xFF;
        var sizeBytes = large ? 4 : 1;
        var headerSize = 1 + sizeBytes + (count * idSize) + ((count + 1) * offsetSize);
        ShiftRight(start, headerSize);
        var header = _buffer.AsSpan(start, headerSize);
        header[0] = (byte)(VariantValue.BasicObject | (((large ? 0x10 : 0) | ((idSize - 1) << 2) | (offsetSize - 1)) << 2));
        WriteUnsigned(header[1..], count, sizeBytes);
        var ids = 1 + sizeBytes;
        var offsets = ids + (count * idSize);
        for (var i = 0; i < count; i++)
        {
            WriteUnsigned(header[(ids + (i * idSize))..], fields[i].Id, idSize);
            WriteUnsigned(header[(offsets + (i * offsetSize))..], fields[i].Offset, offsetSize);
        }

        WriteUnsigned(header[(offsets + (count * offsetSize))..], dataSize, offsetSize);
        _fields.RemoveRange(firstField, count);
    }

    /// <summary>The property name <paramref name="reader"/> is on, as text and UTF-8 bytes from the cache of keys seen.</summary>
    private (string Key, byte[] Utf8) Key(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_keyChars.Length < length)
        {
            _keyChars = new char[Math.Max(length, _keyChars.Length * 2)];
        }

        var chars = _keyChars.AsSpan(0, reader.CopyString(_keyChars));
        if (_keyCacheByChars.TryGetValue(chars, out var key, out var utf8))
        {
            return (key, utf8);
        }

        if (_keyCache.Count >= MaxCachedKeys)
        {
            _keyCache.Clear();
        }

        key = new string(chars);
        utf8 = Encoding.UTF8.GetBytes(key);
        _keyCache.Add(key, utf8);
        return (key, utf8);
    }

    private static int NextOffset(Span<Field> fields, int offset, int end)
    {
        var next = end;
        foreach (var field in fields)
        {
            if (field.Offset > offset && field.Offset < next)
            {
                next = field.Offset;
            }
        }

        return next;
    }

    private void WriteArray(ref Utf8JsonReader reader)
    {
        var start = _position;
        var first = _offsets.Count;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _offsets.Add(_position - start);
            WriteValue(ref reader);
        }

        var count = _offsets.Count - first;
        var dataSize = _position - start;
        var offsetSize = SizeOf(dataSize);
        var large = count > 0xFF;
        var sizeBytes = large ? 4 : 1;
        var headerSize = 1 + sizeBytes + ((count + 1) * offsetSize);
        ShiftRight(start, headerSize);
        var header = _buffer.AsSpan(start, headerSize);
        header[0] = (byte)(VariantValue.BasicArray | (((large ? 0x04 : 0) | (offsetSize - 1)) << 2));
        WriteUnsigned(header[1..], count, sizeBytes);
        for (var i = 0; i < count; i++)
        {
            WriteUnsigned(header[(1 + sizeBytes + (i * offsetSize))..], _offsets[first + i], offsetSize);
        }

        WriteUnsigned(header[(1 + sizeBytes + (count * offsetSize))..], dataSize, offsetSize);
        _offsets.RemoveRange(first, count);
    }

    private void WriteString(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_stringScratch.Length < length)
        {
            _stringScratch = new byte[Math.Max(length, _stringScratch.Length * 2)];
        }

        var written = reader.CopyString(_stringScratch);
        var text = _stringScratch.AsSpan(0, written);
        if (written < 64)
        {
            WriteByte((byte)(VariantValue.BasicShortString | (written << 2)));
        }
        else
        {
            Span<byte> header = stackalloc byte[5];
            header[0] = VariantValue.PrimitiveString << 2;
            BinaryPrimitives.WriteInt32LittleEndian(header[1..], written);
            Append(header);
        }

        Append(text);
    }

    private void WriteNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var integer))
        {
            WriteInteger(integer);
            return;
        }

        ReadOnlySpan<byte> raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        if (raw.IndexOfAny((byte)'e', (byte)'E') < 0 && TryWriteDecimal(raw))
        {
            return;
        }

        Span<byte> payload = stackalloc byte[9];
        payload[0] = VariantValue.PrimitiveDouble << 2;
        BinaryPrimitives.WriteDoubleLittleEndian(payload[1..], reader.GetDouble());
        Append(payload);
    }

    private void WriteInteger(long value)
    {
        Span<byte> payload = stackalloc byte[9];
        if (value is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            payload[0] = VariantValue.PrimitiveInt8 << 2;
            payload[1] = (byte)(sbyte)value;
            Append(payload[..2]);
        }
        else if (value is >= short.MinValue and <= short.MaxValue)
        {
            payload[0] = VariantValue.PrimitiveInt16 << 2;
            BinaryPrimitives.WriteInt16LittleEndian(payload[1..], (short)value);
            Append(payload[..3]);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            payload[0] = VariantValue.PrimitiveInt32 << 2;
            BinaryPrimitives.WriteInt32LittleEndian(payload[1..], (int)value);
            Append(payload[..5]);
        }
        else
        {
            payload[0] = VariantValue.PrimitiveInt64 << 2;
            BinaryPrimitives.WriteInt64LittleEndian(payload[1..], value);
            Append(payload);
        }
    }

    /// <summary>A plain number (no exponent) of at most 38 digits and scale as a DECIMAL4/8/16, as Spark does.</summary>
    private bool TryWriteDecimal(ReadOnlySpan<byte> raw)
    {
        Span<char> digits = stackalloc char[48];
        var count = 0;
        var scale = 0;
        var negative = false;
        var afterPoint = false;
        foreach (var b in raw)
        {
            if (b == '-')
            {
                negative = true;
            }
            else if (b == '.')
            {
                afterPoint = true;
            }
            else
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = (char)b;
                if (afterPoint)
                {
                    scale++;
                }
            }
        }

        var leading = 0;
        while (leading < count - 1 && digits[leading] == '0')
        {
            leading++;
        }

        var precision = count - leading;
        if (precision > 38 || scale > 38)
        {
            return false;
        }

        var unscaled = Int128.Parse(digits[leading..count], NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative)
        {
            unscaled = -unscaled;
        }

        // Java's BigDecimal precision counts the unscaled value's digits (0.001 has precision 1): the digits after the
        // leading zeros, or one for zero.
        var javaPrecision = precision;
        Span<byte> payload = stackalloc byte[18];
        if (javaPrecision <= 9 && scale <= 9)
        {
            payload[0] = VariantValue.PrimitiveDecimal4 << 2;
            payload[1] = (byte)scale;
            BinaryPrimitives.WriteInt32LittleEndian(payload[2..], (int)unscaled);
            Append(payload[..6]);
        }
        else if (javaPrecision <= 18 && scale <= 18)
        {
            payload[0] = VariantValue.PrimitiveDecimal8 << 2;
            payload[1] = (byte)scale;
            BinaryPrimitives.WriteInt64LittleEndian(payload[2..], (long)unscaled);
            Append(payload[..10]);
        }
        else
        {
            payload[0] = VariantValue.PrimitiveDecimal16 << 2;
            payload[1] = (byte)scale;
            BinaryPrimitives.WriteInt128LittleEndian(payload[2..], unscaled);
            Append(payload);
        }

        return true;
    }

    private void WriteResult()
    {
        var stringBytes = 0;
        foreach (var key in _keys)
        {
            stringBytes += key.Length;
        }

        var offsetSize = SizeOf(Math.Max(stringBytes, _keys.Count));
        var metadataLength = 1 + offsetSize + ((_keys.Count + 1) * offsetSize) + stringBytes;
        var total = metadataLength + _position;
        if (_result.Length < total)
        {
            _result = new byte[Math.Max(total, _result.Length * 2)];
        }

        var metadata = _result.AsSpan(0, metadataLength);
        metadata[0] = (byte)(1 | ((offsetSize - 1) << 6));
        WriteUnsigned(metadata[1..], _keys.Count, offsetSize);
        var offsets = 1 + offsetSize;
        var strings = offsets + ((_keys.Count + 1) * offsetSize);
        var offset = 0;
        for (var i = 0; i < _keys.Count; i++)
        {
            WriteUnsigned(metadata[(offsets + (i * offsetSize))..], offset, offsetSize);
            _keys[i].CopyTo(metadata[(strings + offset)..]);
            offset += _keys[i].Length;
        }

        WriteUnsigned(metadata[(offsets + (_keys.Count * offsetSize))..], offset, offsetSize);
        _buffer.AsSpan(0, _position).CopyTo(_result.AsSpan(metadataLength));
        _resultLength = total;
    }

    private void ShiftRight(int start, int by)
    {
        Ensure(by);
        _buffer.AsSpan(start, _position - start).CopyTo(_buffer.AsSpan(start + by));
        _position += by;
    }

    private void WriteByte(int value)
    {
        Ensure(1);
        _buffer[_position++] = (byte)value;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_position + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_position + more, _buffer.Length * 2));
        }
    }

    private readonly record struct Field(string Key, int Id, int Offset);
}
