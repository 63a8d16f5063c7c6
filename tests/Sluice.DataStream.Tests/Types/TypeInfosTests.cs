using Sluice.Core.Serialization;
using Sluice.DataStream.Types;

namespace Sluice.DataStream.Tests.Types;

public class TypeInfosTests
{
    public enum Color { Red, Green = 7 }

    public sealed record Inner(string? Name, long Count);

    public sealed record Person(long Id, string Name, DateTime Born, decimal Balance, Color Favorite, int? Age, Inner? Nested, Guid Tag);

    public readonly record struct Point(double X, double Y);

    public sealed class NotARecord
    {
        public int Value { get; set; }
    }

    public sealed class Custom
    {
        public int Value { get; set; }
    }

    private static T RoundTrip<T>(T value)
    {
        var info = TypeInfos.Of<T>();
        using var writer = new BinaryBufferWriter();
        info.Serializer.Serialize(value, writer);
        var reader = new BinaryBufferReader(writer.ToArray());
        var result = info.Serializer.Deserialize(reader);
        Assert.True(reader.IsAtEnd);
        return result;
    }

    [Fact]
    public void Of_Primitives_RoundTrip()
    {
        Assert.Equal(42, RoundTrip(42));
        Assert.Equal(-7L, RoundTrip(-7L));
        Assert.Equal("héllo", RoundTrip("héllo"));
        Assert.Equal(1.5, RoundTrip(1.5));
        Assert.Equal(12.345m, RoundTrip(12.345m));
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)), RoundTrip(new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.FromHours(2))));
        Assert.Equal(TimeSpan.FromMilliseconds(1234), RoundTrip(TimeSpan.FromMilliseconds(1234)));
        Assert.Equal((3L, "x"), RoundTrip((3L, "x")));
        Assert.Equal(Color.Green, RoundTrip(Color.Green));
        Assert.Null(RoundTrip<int?>(null));
        Assert.Equal(5, RoundTrip<int?>(5));
    }

    [Fact]
    public void Of_Record_RoundTripsEveryField_IncludingNulls()
    {
        var person = new Person(1, "Ada", new DateTime(1815, 12, 10, 0, 0, 0, DateTimeKind.Utc), 10.5m, Color.Red, null, new Inner(null, 3), Guid.NewGuid());
        var copy = RoundTrip(person);
        Assert.Equal(person with { Nested = null }, copy with { Nested = null });
        Assert.Equal(person.Nested!.Name, copy.Nested!.Name);
        Assert.Null(RoundTrip(person with { Nested = null }).Nested);
        Assert.Equal(new Point(1, -2), RoundTrip(new Point(1, -2)));
    }

    [Fact]
    public void Of_StringAndLongKeys_UseTheRuntimeHashers()
    {
        Assert.Same(Sluice.Core.Keys.KeyHashers.String, TypeInfos.Of<string>().Hasher);
        Assert.Same(Sluice.Core.Keys.KeyHashers.Int64, TypeInfos.Of<long>().Hasher);
        var hasher = TypeInfos.Of<Point>().Hasher;
        Assert.Equal(hasher.GetStableHash(new Point(1, 2)), hasher.GetStableHash(new Point(1, 2)));
    }

    [Fact]
    public void Of_UnknownType_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => TypeInfos.Of<NotARecord>());
        Assert.Contains(nameof(NotARecord), ex.Message);
    }

    [Fact]
    public void Register_CustomType_IsReturned()
    {
        var info = new TypeInfo<Custom>(new CustomSerializer());
        TypeInfos.Register(info);
        Assert.Same(info, TypeInfos.Of<Custom>());
        Assert.Equal(9, RoundTrip(new Custom { Value = 9 }).Value);
    }

    private sealed class CustomSerializer : ITypeSerializer<Custom>
    {
        public void Serialize(Custom value, BinaryBufferWriter writer) => writer.WriteInt32(value.Value);

        public Custom Deserialize(BinaryBufferReader reader) => new() { Value = reader.ReadInt32() };
    }
}
