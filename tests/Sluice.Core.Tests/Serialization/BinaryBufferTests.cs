using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Xunit;

namespace Sluice.Core.Tests.Serialization;

public class BinaryBufferTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(63L)]
    [InlineData(-64L)]
    [InlineData(64L)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void VarInt64_RoundTrips(long value)
    {
        using var writer = new BinaryBufferWriter(1);
        writer.WriteVarInt64(value);
        var reader = new BinaryBufferReader(writer.ToArray());
        Assert.Equal(value, reader.ReadVarInt64());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(127UL, 1)]
    [InlineData(128UL, 2)]
    [InlineData(ulong.MaxValue, 10)]
    public void VarUInt64_RoundTripsWithExpectedLength(ulong value, int length)
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteVarUInt64(value);
        Assert.Equal(length, writer.Length);
        Assert.Equal(value, new BinaryBufferReader(writer.ToArray()).ReadVarUInt64());
    }

    [Fact]
    public void VarInt64_SmallMagnitudes_AreOneByte()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteVarInt64(-64);
        writer.WriteVarInt64(63);
        Assert.Equal(2, writer.Length);
    }

    [Fact]
    public void FixedWidth_AreLittleEndian()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteInt32(0x01020304);
        writer.WriteInt64(0x0102030405060708);
        Assert.Equal(new byte[] { 4, 3, 2, 1, 8, 7, 6, 5, 4, 3, 2, 1 }, writer.ToArray());
    }

    [Fact]
    public void AllKinds_RoundTripInOrder()
    {
        using var writer = new BinaryBufferWriter(16);
        writer.WriteByte(200);
        writer.WriteBoolean(true);
        writer.WriteBoolean(false);
        writer.WriteInt32(int.MinValue);
        writer.WriteInt64(long.MaxValue);
        writer.WriteDouble(-0.5);
        writer.WriteDouble(double.NaN);
        writer.WriteString(null);
        writer.WriteString(string.Empty);
        writer.WriteString("héllo 𝄞");
        writer.WriteString(new string('z', 5000));
        writer.WriteBytes([1, 2, 3]);
        writer.WriteRaw([9]);

        var reader = new BinaryBufferReader(writer.ToArray());
        Assert.Equal(200, reader.ReadByte());
        Assert.True(reader.ReadBoolean());
        Assert.False(reader.ReadBoolean());
        Assert.Equal(int.MinValue, reader.ReadInt32());
        Assert.Equal(long.MaxValue, reader.ReadInt64());
        Assert.Equal(-0.5, reader.ReadDouble());
        Assert.True(double.IsNaN(reader.ReadDouble()));
        Assert.Null(reader.ReadString());
        Assert.Equal(string.Empty, reader.ReadString());
        Assert.Equal("héllo 𝄞", reader.ReadString());
        Assert.Equal(new string('z', 5000), reader.ReadString());
        Assert.Equal(new byte[] { 1, 2, 3 }, reader.ReadBytes().ToArray());
        Assert.Equal(9, reader.ReadRaw(1)[0]);
        Assert.True(reader.IsAtEnd);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Writer_GrowsPastInitialCapacity_KeepsData()
    {
        using var writer = new BinaryBufferWriter(16);
        for (var i = 0; i < 10_000; i++)
        {
            writer.WriteInt32(i);
        }

        var reader = new BinaryBufferReader(writer.WrittenMemory);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(i, reader.ReadInt32());
        }
    }

    [Fact]
    public void PatchInt32_OverwritesEarlierValue()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteInt32(0);
        writer.WriteInt64(7);
        writer.PatchInt32(0, 12);
        var reader = new BinaryBufferReader(writer.ToArray());
        Assert.Equal(12, reader.ReadInt32());
        Assert.Equal(7, reader.ReadInt64());
    }

    [Fact]
    public void Reset_ForgetsWrittenBytes()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteInt64(1);
        writer.Reset();
        Assert.Equal(0, writer.Length);
        writer.WriteByte(5);
        Assert.Equal(new byte[] { 5 }, writer.ToArray());
    }

    [Fact]
    public void BufferWriterInterface_GetSpanAndAdvance_AppendsBytes()
    {
        using var writer = new BinaryBufferWriter(16);
        var span = writer.GetSpan(100);
        Assert.True(span.Length >= 100);
        span[0] = 42;
        writer.Advance(1);
        Assert.Equal(new byte[] { 42 }, writer.ToArray());
    }

    [Fact]
    public void Reader_PastEnd_ThrowsStateException()
    {
        Assert.Throws<StateException>(() => new BinaryBufferReader(new byte[3]).ReadInt32());
        Assert.Throws<StateException>(() => new BinaryBufferReader(Array.Empty<byte>()).ReadByte());
        Assert.Throws<StateException>(() => new BinaryBufferReader(new byte[] { 0x80 }).ReadVarUInt64());
        Assert.Throws<StateException>(() => new BinaryBufferReader(new byte[] { 5, 1 }).ReadBytes());
        Assert.Throws<StateException>(() => new BinaryBufferReader(new byte[] { 5, 1 }).ReadString());
    }

    [Fact]
    public void Reader_OverlongVarInt_ThrowsStateException()
    {
        var bytes = Enumerable.Repeat((byte)0xFF, 11).Append((byte)0).ToArray();
        Assert.Throws<StateException>(() => new BinaryBufferReader(bytes).ReadVarUInt64());
    }

    [Fact]
    public void ReadBytes_IsSliceOfUnderlyingData()
    {
        var data = new byte[] { 2, 10, 20, 30 };
        var reader = new BinaryBufferReader(data);
        var slice = reader.ReadBytes();
        Assert.Equal(new byte[] { 10, 20 }, slice.ToArray());
        Assert.Equal(3, reader.Position);
    }
}
