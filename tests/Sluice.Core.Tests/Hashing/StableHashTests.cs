using System.Buffers.Binary;
using System.Text;
using Sluice.Core.Hashing;
using Xunit;

namespace Sluice.Core.Tests.Hashing;

public class StableHashTests
{
    /// <summary>
    /// Published Murmur3 x86 32-bit (seed 0) test vectors. Key groups, and so the placement of all keyed state,
    /// depend on these values: they must never change.
    /// </summary>
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("test", 0xba6bd213u)]
    [InlineData("Hello, world!", 0xc0363e43u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x2e4ff723u)]
    public void Hash_KnownMurmur3Vectors_Match(string text, uint expected)
    {
        Assert.Equal(unchecked((int)expected), StableHash.Hash(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(unchecked((int)expected), StableHash.Hash(text));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void HashInt32_EqualsHashOfLittleEndianBytes(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Assert.Equal(StableHash.Hash(bytes), StableHash.Hash(value));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void HashInt64_EqualsHashOfLittleEndianBytes(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Assert.Equal(StableHash.Hash(bytes), StableHash.Hash(value));
    }

    [Fact]
    public void HashInt64_KnownValue_IsStable() => Assert.Equal(0x6f8f913e, StableHash.Hash(42L));

    [Fact]
    public void HashString_LongerThanStackBuffer_EqualsHashOfUtf8Bytes()
    {
        var text = string.Concat(Enumerable.Repeat("ünïcødé-", 100));
        Assert.Equal(StableHash.Hash(Encoding.UTF8.GetBytes(text)), StableHash.Hash(text));
    }

    [Fact]
    public void HashString_NonAscii_HashesUtf8NotUtf16() =>
        Assert.Equal(StableHash.Hash(Encoding.UTF8.GetBytes("é")), StableHash.Hash("é"));

    [Fact]
    public void Combine_IsOrderSensitive()
    {
        Assert.NotEqual(StableHash.Combine(1, 2), StableHash.Combine(2, 1));
        Assert.Equal(StableHash.Combine(1, 2), StableHash.Combine(1, 2));
    }
}
