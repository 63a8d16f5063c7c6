using Sluice.Core.Errors;
using Sluice.Core.Variants;

namespace Sluice.Core.Tests.Variants;

/// <summary>
/// The variant binary encoding against Spark's specification (bytes worked out by hand from it), kinds and accessors,
/// duplicate keys, and the JSON text.
/// </summary>
public sealed class VariantEncodingTests
{
    [Fact]
    public void SmallInteger_IsEmptyMetadataAndAnInt8()
    {
        // Metadata: header 0x01 (version 1, unsorted, 1-byte offsets), dictionary size 0, one offset 0.
        // Value: header (INT8 = 3) << 2 | primitive 0 = 0x0C, then the byte.
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x0C, 0x01 }, VariantBuilder.ParseJson("1"));
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x10, 0x2C, 0x01 }, VariantBuilder.ParseJson("300")); // INT16 = 4
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x00 }, VariantBuilder.ParseJson("null"));
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x04 }, VariantBuilder.ParseJson("true"));
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x08 }, VariantBuilder.ParseJson("false"));
    }

    [Fact]
    public void ShortString_HasItsLengthInTheHeader()
    {
        // Basic type 1 (short string), length 2: 2 << 2 | 1 = 0x09.
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x09, (byte)'h', (byte)'i' }, VariantBuilder.ParseJson("\"hi\""));
    }

    [Fact]
    public void Decimal_IsADecimal4WithItsScale()
    {
        // DECIMAL4 = 8: 8 << 2 = 0x20; scale 2; unscaled 150 little-endian.
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x20, 0x02, 150, 0, 0, 0 }, VariantBuilder.ParseJson("1.50"));
    }

    [Fact]
    public void Object_HasFieldIdsInKeyOrder_AndValuesInArrivalOrder()
    {
        // Dictionary in first-seen order: "b" = 0, "a" = 1 → metadata 01 | 02 | 00 01 02 | 'b' 'a'.
        // Object header: basic 2, 1-byte ids and offsets → 0x02; 2 fields; ids sorted by key: a (1), b (0);
        // offsets of a and b into the values (b's 0C 01 first, then a's 0C 02): 2, 0, and the end 4.
        var expected = new byte[]
        {
            0x01, 0x02, 0x00, 0x01, 0x02, (byte)'b', (byte)'a',
            0x02, 0x02, 0x01, 0x00, 0x02, 0x00, 0x04, 0x0C, 0x01, 0x0C, 0x02,
        };
        Assert.Equal(expected, VariantBuilder.ParseJson("{\"b\": 1, \"a\": 2}"));
    }

    [Fact]
    public void FieldLookup_FindsEveryKeyOfALargeObject_AndNoOtherKey()
    {
        // 300 keys in a shuffled order (the fields are stored sorted by key, the lookup is a binary search).
        var keys = Enumerable.Range(0, 300).Select(i => $"k{i * 2:D4}").OrderBy(k => (k.GetHashCode() & 0xFFFF, k)).ToList();
        var json = "{" + string.Join(", ", keys.Select(k => $"\"{k}\": {int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture)}")) + "}";
        var value = new VariantValue(VariantBuilder.ParseJson(json));
        for (var i = 0; i < 600; i++)
        {
            var found = value.TryGetField(System.Text.Encoding.UTF8.GetBytes($"k{i:D4}"), out var field);
            Assert.Equal(i % 2 == 0, found);
            if (found)
            {
                Assert.Equal(i, field.GetInt64());
            }
        }

        Assert.False(value.TryGetField("a"u8, out _));
        Assert.False(value.TryGetField("z"u8, out _));
        Assert.False(value.TryGetField("k"u8, out _));
        Assert.False(value.TryGetField(""u8, out _));
    }

    [Fact]
    public void FieldLookup_FindsKeysBeyondTheBasicPlaneAndAboveUE000()
    {
        // In UTF-16 order (the fields' order) "\U0001F600" (surrogates D83D DE00) sorts before "\uE000" and "\uFFFD"; in
        // UTF-8 byte order it sorts after them. The lookup finds each key and nothing in between.
        string[] keys = ["a", "\u00E9", "\uE000", "\uFFFD", "\U0001F600", "z\uE001", "z\U0001F601", "z", "\u4E2D"];
        var json = "{" + string.Join(", ", keys.Select((k, i) => $"\"{k}\": {i}")) + "}";
        var value = new VariantValue(VariantBuilder.ParseJson(json));
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(value.TryGetField(System.Text.Encoding.UTF8.GetBytes(keys[i]), out var field), keys[i]);
            Assert.Equal(i, field.GetInt64());
        }

        foreach (var missing in new[] { "\uE001", "\U0001F601", "z\uE000", "z\U0001F600", "\uFFFF", "\U0010FFFF", "b" })
        {
            Assert.False(value.TryGetField(System.Text.Encoding.UTF8.GetBytes(missing), out _), missing);
        }
    }

    [Fact]
    public void KeysSeenInEarlierValues_EncodeTheSameAsInAFreshBuilder()
    {
        // The builder keeps the keys it has seen across values; each value's dictionary still holds only its own keys.
        var builder = new VariantBuilder();
        foreach (var json in new[] { "{\"b\": 1, \"a\": {\"c\": 2}}", "{\"c\": 3}", "{\"a\": 1, \"b\": [1, {\"d\": null}]}", "{\"a\": 1, \"b\": 2}" })
        {
            Assert.True(builder.TryParseJson(System.Text.Encoding.UTF8.GetBytes(json), false, out _));
            Assert.Equal(VariantBuilder.ParseJson(json), builder.Result.ToArray());
        }
    }

    [Fact]
    public void Array_HasOffsetsThenElements()
    {
        // Array header: basic 3, 1-byte offsets → 0x03; 2 elements; offsets 0, 2, 4.
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x03, 0x02, 0x00, 0x02, 0x04, 0x0C, 0x01, 0x0C, 0x02 },
            VariantBuilder.ParseJson("[1, 2]"));
    }

    [Fact]
    public void Accessors_ReadEveryKind()
    {
        var bytes = VariantBuilder.ParseJson(
            "{\"i\": -5, \"big\": 12345678901, \"d\": 2.5, \"e\": 1e2, \"s\": \"x\", \"t\": true, \"n\": null, \"arr\": [1, [2]], \"huge\": 123456789012345678901234567890}");
        var value = new VariantValue(bytes);
        Assert.Equal(VariantKind.Object, value.Kind);
        Assert.Equal(9, value.Count);
        Assert.True(value.TryGetField("i"u8, out var i));
        Assert.Equal(-5, i.GetInt64());
        Assert.Equal("TINYINT", i.KindName);
        Assert.True(value.TryGetField("big"u8, out var big));
        Assert.Equal(12345678901, big.GetInt64());
        Assert.Equal("BIGINT", big.KindName);
        Assert.True(value.TryGetField("d"u8, out var d));
        Assert.Equal((Int128)25, d.GetDecimal().Unscaled);
        Assert.Equal(1, d.GetDecimal().Scale);
        Assert.True(value.TryGetField("e"u8, out var e));
        Assert.Equal(100.0, e.GetDouble());
        Assert.True(value.TryGetField("s"u8, out var s));
        Assert.Equal("x", s.GetString());
        Assert.True(value.TryGetField("t"u8, out var t));
        Assert.True(t.GetBoolean());
        Assert.True(value.TryGetField("n"u8, out var n));
        Assert.True(n.IsNull);
        Assert.True(value.TryGetField("arr"u8, out var arr));
        Assert.True(arr.TryGetElement(1, out var inner));
        Assert.True(inner.TryGetElement(0, out var two));
        Assert.Equal(2, two.GetInt64());
        Assert.False(arr.TryGetElement(2, out _));
        Assert.True(value.TryGetField("huge"u8, out var huge));
        Assert.Equal("DECIMAL(30, 0)", huge.KindName);
        Assert.False(value.TryGetField("absent"u8, out _));

        // A sub-value copied out is a variant of its own.
        Assert.Equal("[2]", VariantJson.ToJson(inner.ToArray()));
    }

    [Fact]
    public void Duplicates_FailUnlessAllowed()
    {
        Assert.Throws<FormatException>(() => VariantBuilder.ParseJson("{\"a\": 1, \"a\": 2}"));
        Assert.Equal("{\"a\":2}", VariantJson.ToJson(VariantBuilder.ParseJson("{\"a\": 1, \"a\": 2}", allowDuplicateKeys: true)));
    }

    [Fact]
    public void LargeDocuments_UseWiderOffsetsAndLargeCounts()
    {
        var elements = string.Join(",", Enumerable.Range(0, 300).Select(i => $"{{\"k{i % 7}\": \"{new string('v', i % 70)}\"}}"));
        var json = $"[{elements}]";
        var value = new VariantValue(VariantBuilder.ParseJson(json));
        Assert.Equal(300, value.Count);
        Assert.Equal(json.Replace(" ", "", StringComparison.Ordinal), VariantJson.ToJson(value));
    }

    [Fact]
    public void TruncatedBytes_AreRejected()
    {
        Assert.Throws<StateException>(() => { _ = new VariantValue(new byte[] { 0x01, 0x05 }); });
        Assert.Throws<StateException>(() => { _ = new VariantValue(new byte[] { 0x02, 0x00, 0x00, 0x0C }); });
    }
}
