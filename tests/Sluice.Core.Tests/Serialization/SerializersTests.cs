using Sluice.Core.Serialization;
using Xunit;

namespace Sluice.Core.Tests.Serialization;

public class SerializersTests
{
    private static T RoundTrip<T>(ITypeSerializer<T> serializer, T value)
    {
        using var writer = new BinaryBufferWriter();
        serializer.Serialize(value, writer);
        var reader = new BinaryBufferReader(writer.ToArray());
        var result = serializer.Deserialize(reader);
        Assert.True(reader.IsAtEnd);
        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Int32_RoundTrips(int value) => Assert.Equal(value, RoundTrip(Serializers.Int32, value));

    [Theory]
    [InlineData(0L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Int64_RoundTrips(long value) => Assert.Equal(value, RoundTrip(Serializers.Int64, value));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.25)]
    [InlineData(double.PositiveInfinity)]
    public void Double_RoundTrips(double value) => Assert.Equal(value, RoundTrip(Serializers.Double, value));

    [Fact]
    public void Boolean_RoundTrips()
    {
        Assert.True(RoundTrip(Serializers.Boolean, true));
        Assert.False(RoundTrip(Serializers.Boolean, false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("日本語")]
    public void String_RoundTrips(string value) => Assert.Equal(value, RoundTrip(Serializers.String, value));

    [Fact]
    public void Bytes_RoundTrips() => Assert.Equal(new byte[] { 0, 255, 7 }, RoundTrip(Serializers.Bytes, [0, 255, 7]));

    [Fact]
    public void ListOf_RoundTrips() =>
        Assert.Equal([1L, -2L, long.MaxValue], RoundTrip(Serializers.ListOf(Serializers.Int64), [1L, -2L, long.MaxValue]));

    [Fact]
    public void ListOf_Empty_RoundTrips() => Assert.Empty(RoundTrip(Serializers.ListOf(Serializers.String), []));

    [Fact]
    public void Tuple_RoundTrips() =>
        Assert.Equal(("k", 42), RoundTrip(Serializers.Tuple(Serializers.String, Serializers.Int32), ("k", 42)));

    [Fact]
    public void Int32_ValueOutOfRange_ThrowsOverflow()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteVarInt64(long.MaxValue);
        Assert.Throws<OverflowException>(() => Serializers.Int32.Deserialize(new BinaryBufferReader(writer.ToArray())));
    }

    [Fact]
    public void Version_Default_IsOne() => Assert.Equal(1, Serializers.Int64.Version);
}
