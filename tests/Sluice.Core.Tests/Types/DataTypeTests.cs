using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Xunit;

namespace Sluice.Core.Tests.Types;

public class DataTypeTests
{
    public static TheoryData<string, string> ToStringCases()
    {
        var data = new TheoryData<string, string>();
        void Add(DataType type, string expected) => data.Add(expected, type.ToString());
        Add(DataTypes.Boolean(), "BOOLEAN");
        Add(DataTypes.TinyInt(), "TINYINT");
        Add(DataTypes.SmallInt(), "SMALLINT");
        Add(DataTypes.Int(), "INT");
        Add(DataTypes.BigInt(), "BIGINT");
        Add(DataTypes.Float(), "FLOAT");
        Add(DataTypes.Double(), "DOUBLE");
        Add(DataTypes.Decimal(10, 2), "DECIMAL(10, 2)");
        Add(DataTypes.Char(3), "CHAR(3)");
        Add(DataTypes.VarChar(10), "VARCHAR(10)");
        Add(DataTypes.String(), "STRING");
        Add(DataTypes.Binary(4), "BINARY(4)");
        Add(DataTypes.VarBinary(16), "VARBINARY(16)");
        Add(DataTypes.Bytes(), "BYTES");
        Add(DataTypes.Date(), "DATE");
        Add(DataTypes.Time(), "TIME(0)");
        Add(DataTypes.Timestamp(3), "TIMESTAMP(3)");
        Add(DataTypes.Timestamp(), "TIMESTAMP(6)");
        Add(DataTypes.TimestampLtz(3), "TIMESTAMP_LTZ(3)");
        Add(DataTypes.IntervalYearMonth(), "INTERVAL YEAR(2) TO MONTH");
        Add(DataTypes.IntervalDayTime(3), "INTERVAL DAY(2) TO SECOND(3)");
        Add(DataTypes.Array(DataTypes.Int()), "ARRAY<INT>");
        Add(DataTypes.Multiset(DataTypes.String()), "MULTISET<STRING>");
        Add(DataTypes.Map(DataTypes.String(), DataTypes.BigInt()), "MAP<STRING, BIGINT>");
        Add(DataTypes.Row(DataTypes.Field("a", DataTypes.Int()), DataTypes.Field("b", DataTypes.String())), "ROW<`a` INT, `b` STRING>");
        Add(DataTypes.Row(DataTypes.Field("we`ird", DataTypes.Int())), "ROW<`we``ird` INT>");
        Add(DataTypes.Int().NotNull(), "INT NOT NULL");
        Add(DataTypes.Array(DataTypes.Int().NotNull()).NotNull(), "ARRAY<INT NOT NULL> NOT NULL");
        Add(DataTypes.Null(), "NULL");
        return data;
    }

    [Theory]
    [MemberData(nameof(ToStringCases))]
    public void ToString_EachType_UsesFlinkSqlSyntax(string expected, string actual) => Assert.Equal(expected, actual);

    [Fact]
    public void Equals_SameParameters_AreEqualWithSameHashCode()
    {
        var a = DataTypes.Map(DataTypes.String(), DataTypes.Decimal(20, 4).NotNull());
        var b = DataTypes.Map(DataTypes.VarChar(int.MaxValue), DataTypes.Decimal(20, 4).NotNull());
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void VarChar_MaxLength_IsString()
    {
        Assert.Same(DataTypes.String(), DataTypes.VarChar(DataTypes.MaxLength));
        Assert.Equal("BYTES", DataTypes.VarBinary(DataTypes.MaxLength).ToString());
    }

    [Fact]
    public void Equals_DifferentNullability_AreNotEqual()
    {
        Assert.NotEqual(DataTypes.Int(), DataTypes.Int().NotNull());
        Assert.True(DataTypes.Int() != DataTypes.Int().NotNull());
        Assert.Equal(DataTypes.Int(), DataTypes.Int().NotNull().Nullable());
    }

    [Fact]
    public void EqualsIgnoringNullability_NestedNullabilityDiffers_IsTrue()
    {
        var a = DataTypes.Row(DataTypes.Field("a", DataTypes.Array(DataTypes.Int().NotNull())));
        var b = DataTypes.Row(DataTypes.Field("a", DataTypes.Array(DataTypes.Int()))).NotNull();
        Assert.NotEqual(a, b);
        Assert.True(a.EqualsIgnoringNullability(b));
        Assert.False(a.EqualsIgnoringNullability(DataTypes.Row(DataTypes.Field("b", DataTypes.Array(DataTypes.Int())))));
    }

    [Fact]
    public void Equals_DifferentParameters_AreNotEqual()
    {
        Assert.NotEqual(DataTypes.Decimal(10, 2), DataTypes.Decimal(10, 3));
        Assert.NotEqual(DataTypes.Timestamp(3), DataTypes.TimestampLtz(3));
        Assert.NotEqual(DataTypes.VarChar(10), DataTypes.Char(10));
        Assert.NotEqual(DataTypes.Array(DataTypes.Int()), DataTypes.Multiset(DataTypes.Int()));
        Assert.NotEqual(
            DataTypes.Row(DataTypes.Field("a", DataTypes.Int())),
            DataTypes.Row(DataTypes.Field("A", DataTypes.Int())));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(39, 0)]
    [InlineData(10, 11)]
    [InlineData(10, -1)]
    public void Decimal_InvalidPrecisionOrScale_Throws(int precision, int scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DataTypes.Decimal(precision, scale));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(38, 38)]
    [InlineData(18, 2)]
    public void Decimal_ValidPrecisionAndScale_Creates(int precision, int scale)
    {
        var type = DataTypes.Decimal(precision, scale);
        Assert.Equal(precision, type.Precision);
        Assert.Equal(scale, type.Scale);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    public void Timestamp_InvalidPrecision_Throws(int precision)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataTypes.Timestamp(precision));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataTypes.TimestampLtz(precision));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataTypes.Time(precision));
    }

    [Fact]
    public void Timestamp_DefaultPrecision_IsSix() => Assert.Equal(6, DataTypes.Timestamp().Precision);

    [Fact]
    public void VarChar_ZeroLength_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => DataTypes.VarChar(0));

    [Fact]
    public void Row_DuplicateFieldNames_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            DataTypes.Row(DataTypes.Field("a", DataTypes.Int()), DataTypes.Field("a", DataTypes.String())));

    [Fact]
    public void NotNull_NullType_Throws() => Assert.Throws<InvalidOperationException>(() => DataTypes.Null().NotNull());

    [Fact]
    public void NotNull_AlreadyNotNull_ReturnsSameInstance()
    {
        var type = DataTypes.Int().NotNull();
        Assert.Same(type, type.NotNull());
        Assert.False(type.IsNullable);
        Assert.True(type.Nullable().IsNullable);
    }

    public static TheoryData<string, PhysicalType> PhysicalTypeCases() => new()
    {
        { "BOOLEAN", PhysicalType.Boolean },
        { "TINYINT", PhysicalType.Int8 },
        { "SMALLINT", PhysicalType.Int16 },
        { "INT", PhysicalType.Int32 },
        { "DATE", PhysicalType.Int32 },
        { "INTERVAL YEAR(2) TO MONTH", PhysicalType.Int32 },
        { "BIGINT", PhysicalType.Int64 },
        { "TIME(0)", PhysicalType.Int64 },
        { "TIMESTAMP(3)", PhysicalType.Int64 },
        { "TIMESTAMP_LTZ(3)", PhysicalType.Int64 },
        { "INTERVAL DAY(2) TO SECOND(6)", PhysicalType.Int64 },
        { "FLOAT", PhysicalType.Float32 },
        { "DOUBLE", PhysicalType.Float64 },
        { "DECIMAL(18, 2)", PhysicalType.Decimal64 },
        { "DECIMAL(19, 2)", PhysicalType.Decimal128 },
        { "DECIMAL(38, 0)", PhysicalType.Decimal128 },
        { "CHAR(3)", PhysicalType.Utf8 },
        { "STRING", PhysicalType.Utf8 },
        { "BINARY(3)", PhysicalType.Binary },
        { "BYTES", PhysicalType.Binary },
        { "ARRAY<INT>", PhysicalType.List },
        { "MULTISET<INT>", PhysicalType.List },
        { "MAP<INT, INT>", PhysicalType.Map },
        { "ROW<`a` INT>", PhysicalType.Struct },
        { "NULL", PhysicalType.Null },
    };

    [Theory]
    [MemberData(nameof(PhysicalTypeCases))]
    public void PhysicalType_EachType_MapsToStorage(string typeText, PhysicalType expected)
    {
        var type = AllTypes().Single(t => t.ToString() == typeText);
        Assert.Equal(expected, type.PhysicalType);
    }

    [Fact]
    public void WriteTo_EveryType_ReadsBackEqual()
    {
        foreach (var type in AllTypes())
        {
            foreach (var variant in type.TypeId == TypeId.Null ? [type] : new[] { type, type.NotNull() })
            {
                using var writer = new BinaryBufferWriter();
                variant.WriteTo(writer);
                var reader = new BinaryBufferReader(writer.ToArray());
                Assert.Equal(variant, DataType.ReadFrom(reader));
                Assert.True(reader.IsAtEnd);
            }
        }
    }

    [Fact]
    public void ReadFrom_InvalidParameters_ThrowsStateException()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteByte((byte)TypeId.Decimal);
        writer.WriteByte(1);
        writer.WriteVarUInt64(40);
        writer.WriteVarUInt64(2);
        Assert.Throws<StateException>(() => DataType.ReadFrom(new BinaryBufferReader(writer.ToArray())));
        Assert.Throws<StateException>(() => DataType.ReadFrom(new BinaryBufferReader(new byte[] { 99, 1 })));
        Assert.Throws<StateException>(() => DataType.ReadFrom(new BinaryBufferReader(new byte[] { (byte)TypeId.Array, 1 })));
    }

    internal static IEnumerable<DataType> AllTypes() =>
    [
        DataTypes.Boolean(), DataTypes.TinyInt(), DataTypes.SmallInt(), DataTypes.Int(), DataTypes.BigInt(),
        DataTypes.Float(), DataTypes.Double(), DataTypes.Decimal(18, 2), DataTypes.Decimal(19, 2), DataTypes.Decimal(38, 0),
        DataTypes.Char(3), DataTypes.VarChar(10), DataTypes.String(), DataTypes.Binary(3), DataTypes.VarBinary(5), DataTypes.Bytes(),
        DataTypes.Date(), DataTypes.Time(), DataTypes.Timestamp(3), DataTypes.TimestampLtz(3), DataTypes.IntervalYearMonth(),
        DataTypes.IntervalDayTime(), DataTypes.Array(DataTypes.Int()), DataTypes.Multiset(DataTypes.Int()),
        DataTypes.Map(DataTypes.Int(), DataTypes.Int()), DataTypes.Row(DataTypes.Field("a", DataTypes.Int())), DataTypes.Null(),
        DataTypes.Map(DataTypes.String().NotNull(), DataTypes.Array(DataTypes.Row(
            DataTypes.Field("x", DataTypes.Decimal(30, 5)), DataTypes.Field("y", DataTypes.TimestampLtz(9).NotNull())))),
    ];
}
