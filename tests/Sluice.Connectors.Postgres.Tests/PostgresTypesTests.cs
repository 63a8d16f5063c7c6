using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>The type mapping's rules and the replication stream's text values, without a server.</summary>
public sealed class PostgresTypesTests
{
    [Theory]
    [InlineData("int4", "BIGINT", false, true)]
    [InlineData("int8", "INT", false, false)]
    [InlineData("int8", "INT", true, true)]
    [InlineData("text", "INT", false, false)]
    [InlineData("timestamptz", "TIMESTAMP", false, false)]
    [InlineData("float4", "DOUBLE", false, true)]
    [InlineData("float4", "DOUBLE", true, false)]
    [InlineData("_int4", "ARRAY<INT>", false, true)]
    public void Compatibility_DependsOnTheDirection(string udt, string sluice, bool forWriting, bool expected)
    {
        var type = sluice switch
        {
            "BIGINT" => DataTypes.BigInt(),
            "INT" => DataTypes.Int(),
            "TIMESTAMP" => DataTypes.Timestamp(),
            "DOUBLE" => DataTypes.Double(),
            _ => DataTypes.Array(DataTypes.Int()),
        };
        Assert.Equal(expected, PostgresTypes.IsCompatible(type, udt, forWriting));
    }

    [Fact]
    public void ReplicationText_ParsesEveryScalarType()
    {
        Assert.Equal(true, PostgresTypes.ParseText("t", DataTypes.Boolean()));
        Assert.Equal(-5L, PostgresTypes.ParseText("-5", DataTypes.BigInt()));
        Assert.Equal(double.NaN, PostgresTypes.ParseText("NaN", DataTypes.Double()));
        Assert.Equal(12.35m, PostgresTypes.ParseText("12.345", DataTypes.Decimal(5, 2)));
        Assert.Equal(new byte[] { 1, 171 }, PostgresTypes.ParseText("\\x01ab", DataTypes.Bytes()));
        Assert.Equal(new DateOnly(2020, 1, 2), PostgresTypes.ParseText("2020-01-02", DataTypes.Date()));
        Assert.Equal(new TimeOnly(1, 2, 3, 400), PostgresTypes.ParseText("01:02:03.4", DataTypes.Time(3)));
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5), PostgresTypes.ParseText("2020-01-02 03:04:05", DataTypes.Timestamp()));
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 1, 4, 5, 500, TimeSpan.Zero),
            ((DateTimeOffset)PostgresTypes.ParseText("2020-01-02 03:04:05.5+02", DataTypes.TimestampLtz())).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(330)),
            PostgresTypes.ParseText("2020-01-02 03:04:05+05:30", DataTypes.TimestampLtz()));
    }

    [Fact]
    public void TemporalValues_AreCutToTheColumnsPrecision()
    {
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, 123), PostgresTypes.ParseText("2020-01-02 03:04:05.123456", DataTypes.Timestamp(3)));
        Assert.Equal(new TimeOnly(1, 2, 3), PostgresTypes.ParseText("01:02:03.999", DataTypes.Time(0)));
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, 100, TimeSpan.Zero),
            PostgresTypes.ParseText("2020-01-02 03:04:05.19+00", DataTypes.TimestampLtz(1)));
    }

    [Fact]
    public void ReplicationText_ParsesArrays()
    {
        Assert.Equal(new object?[] { 1, null, 3 }, PostgresTypes.ParseText("{1,NULL,3}", DataTypes.Array(DataTypes.Int())));
        Assert.Equal(new object?[] { "a b", "c\"d", "NULL", null, "x,y" },
            PostgresTypes.ParseText("{\"a b\",\"c\\\"d\",\"NULL\",NULL,\"x,y\"}", DataTypes.Array(DataTypes.String())));
        Assert.Equal(Array.Empty<object?>(), PostgresTypes.ParseText("{}", DataTypes.Array(DataTypes.Int())));
        Assert.Throws<FormatException>(() => PostgresTypes.ParseText("{{1},{2}}", DataTypes.Array(DataTypes.Int())));
    }
}
