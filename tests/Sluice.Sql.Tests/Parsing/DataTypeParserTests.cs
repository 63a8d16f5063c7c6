using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Tests.Parsing;

public class DataTypeParserTests
{
    public static TheoryData<string, string, DataType> Cases()
    {
        var data = new TheoryData<string, string, DataType>
        {
            { "BOOLEAN", "BOOLEAN", DataTypes.Boolean() },
            { "TINYINT", "TINYINT", DataTypes.TinyInt() },
            { "SMALLINT", "SMALLINT", DataTypes.SmallInt() },
            { "INT", "INT", DataTypes.Int() },
            { "integer not null", "INT NOT NULL", DataTypes.Int().NotNull() },
            { "BIGINT NULL", "BIGINT", DataTypes.BigInt() },
            { "FLOAT", "FLOAT", DataTypes.Float() },
            { "REAL", "FLOAT", DataTypes.Float() },
            { "DOUBLE", "DOUBLE", DataTypes.Double() },
            { "DOUBLE PRECISION", "DOUBLE", DataTypes.Double() },
            { "DECIMAL", "DECIMAL", DataTypes.Decimal(10, 0) },
            { "DEC(5)", "DECIMAL(5)", DataTypes.Decimal(5, 0) },
            { "NUMERIC(7, 3)", "DECIMAL(7, 3)", DataTypes.Decimal(7, 3) },
            { "CHAR", "CHAR", DataTypes.Char(1) },
            { "CHAR(3)", "CHAR(3)", DataTypes.Char(3) },
            { "VARCHAR", "VARCHAR", DataTypes.VarChar(1) },
            { "CHARACTER VARYING(9)", "VARCHAR(9)", DataTypes.VarChar(9) },
            { "VARCHAR(2147483647)", "VARCHAR(2147483647)", DataTypes.String() },
            { "STRING", "STRING", DataTypes.String() },
            { "BINARY(4)", "BINARY(4)", DataTypes.Binary(4) },
            { "VARBINARY(8)", "VARBINARY(8)", DataTypes.VarBinary(8) },
            { "BYTES", "BYTES", DataTypes.Bytes() },
            { "DATE", "DATE", DataTypes.Date() },
            { "TIME", "TIME", DataTypes.Time(0) },
            { "TIME(3) WITHOUT TIME ZONE", "TIME(3)", DataTypes.Time(3) },
            { "TIMESTAMP", "TIMESTAMP", DataTypes.Timestamp(6) },
            { "TIMESTAMP(3)", "TIMESTAMP(3)", DataTypes.Timestamp(3) },
            { "TIMESTAMP(9) WITHOUT TIME ZONE", "TIMESTAMP(9)", DataTypes.Timestamp(9) },
            { "TIMESTAMP(3) WITH LOCAL TIME ZONE", "TIMESTAMP_LTZ(3)", DataTypes.TimestampLtz(3) },
            { "TIMESTAMP_LTZ", "TIMESTAMP_LTZ", DataTypes.TimestampLtz(6) },
            { "INTERVAL YEAR TO MONTH", "INTERVAL YEAR TO MONTH", DataTypes.IntervalYearMonth() },
            { "INTERVAL MONTH", "INTERVAL MONTH", DataTypes.IntervalYearMonth() },
            { "INTERVAL DAY(2) TO SECOND(3)", "INTERVAL DAY(2) TO SECOND(3)", DataTypes.IntervalDayTime(3) },
            { "INTERVAL SECOND(9)", "INTERVAL SECOND(9)", DataTypes.IntervalDayTime(9) },
            { "INTERVAL HOUR TO MINUTE", "INTERVAL HOUR TO MINUTE", DataTypes.IntervalDayTime(6) },
            { "ARRAY<INT NOT NULL> NOT NULL", "ARRAY<INT NOT NULL> NOT NULL", DataTypes.Array(DataTypes.Int().NotNull()).NotNull() },
            { "INT ARRAY", "ARRAY<INT>", DataTypes.Array(DataTypes.Int()) },
            { "INT NOT NULL ARRAY NOT NULL", "ARRAY<INT NOT NULL> NOT NULL", DataTypes.Array(DataTypes.Int().NotNull()).NotNull() },
            { "STRING ARRAY MULTISET", "MULTISET<ARRAY<STRING>>", DataTypes.Multiset(DataTypes.Array(DataTypes.String())) },
            { "MULTISET<STRING>", "MULTISET<STRING>", DataTypes.Multiset(DataTypes.String()) },
            { "MAP<STRING, ARRAY<BIGINT>>", "MAP<STRING, ARRAY<BIGINT>>", DataTypes.Map(DataTypes.String(), DataTypes.Array(DataTypes.BigInt())) },
            { "ROW<a INT, `b c` STRING COMMENT 'x'>", "ROW<a INT, `b c` STRING COMMENT 'x'>", DataTypes.Row(new Field("a", DataTypes.Int()), new Field("b c", DataTypes.String())) },
            { "ROW(x DOUBLE, y DOUBLE) NOT NULL", "ROW<x DOUBLE, y DOUBLE> NOT NULL", DataTypes.Row(new Field("x", DataTypes.Double()), new Field("y", DataTypes.Double())).NotNull() },
            { "ROW<>", "ROW<>", DataTypes.Row() },
            { "ARRAY<ROW<`user` MAP<STRING, INT>>>", "ARRAY<ROW<`user` MAP<STRING, INT>>>", DataTypes.Array(DataTypes.Row(new Field("user", DataTypes.Map(DataTypes.String(), DataTypes.Int())))) },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseDataType_CanonicalAndToDataType(string sql, string canonical, DataType expected)
    {
        var type = SqlParser.ParseDataType(sql);
        Assert.Equal(canonical, type.ToString());
        Assert.Equal(expected, type.ToDataType());
        Assert.Equal(canonical, SqlParser.ParseDataType(canonical).ToString());
    }

    [Fact]
    public void ParseDataType_Primitive_RecordsParameters()
    {
        var type = Assert.IsType<PrimitiveDataType>(SqlParser.ParseDataType("DECIMAL(12, 4) NOT NULL"));
        Assert.Equal(PrimitiveTypeName.Decimal, type.Name);
        Assert.Equal(12, type.Precision);
        Assert.Equal(4, type.Scale);
        Assert.Null(type.Length);
        Assert.True(type.IsNotNull);
    }

    [Fact]
    public void ParseDataType_RowField_KeepsComment()
    {
        var row = Assert.IsType<RowDataType>(SqlParser.ParseDataType("ROW<a INT COMMENT 'first'>"));
        Assert.Equal("first", Assert.Single(row.Fields).Comment);
    }

    [Theory]
    [InlineData("DECIMAL(39)", "line 1, column 1: DECIMAL precision must be between 1 and 38 (both inclusive), not 39")]
    [InlineData("DECIMAL(5, 6)", "line 1, column 1: DECIMAL scale must be between 0 and the precision 5 (both inclusive), not 6")]
    [InlineData("VARCHAR(0)", "line 1, column 1: the length of VARCHAR must be between 1 and 2147483647 (both inclusive), not 0")]
    [InlineData("TIMESTAMP(10)", "line 1, column 1: the precision of TIMESTAMP must be between 0 and 9 (both inclusive), not 10")]
    [InlineData("ARRAY<TIME(12)>", "line 1, column 7: the precision of TIME must be between 0 and 9 (both inclusive), not 12")]
    [InlineData("ROW<a INT, a STRING>", "line 1, column 12: the row field name 'a' appears more than once")]
    public void ToDataType_OutOfRange_PositionedError(string sql, string message)
    {
        var type = SqlParser.ParseDataType(sql);
        var error = Assert.Throws<SqlException>(type.ToDataType);
        Assert.Equal(message, error.Message);
        Assert.Equal(SqlErrorCode.InvalidValue, error.Code);
    }

    [Theory]
    [InlineData("VARCHAR(99999999999)", "line 1, column 9: the number 99999999999 is too large")]
    [InlineData("RAW('a', 'b')", "line 1, column 1: the RAW type is not supported yet")]
    [InlineData("TIMESTAMP WITH TIME ZONE", "line 1, column 11: TIMESTAMP WITH TIME ZONE (use TIMESTAMP_LTZ or TIMESTAMP WITH LOCAL TIME ZONE) is not supported yet")]
    [InlineData("MAP<STRING>", "line 1, column 11: unexpected '>' — expected NOT NULL, NULL, ARRAY, MULTISET, ','")]
    [InlineData("FOO", "line 1, column 1: unexpected 'FOO' — expected data type")]
    [InlineData("INTERVAL MONTH TO DAY", "line 1, column 19: invalid interval qualifier MONTH TO DAY")]
    public void ParseDataType_Invalid_PositionedError(string sql, string message)
    {
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseDataType(sql));
        Assert.Equal(message, error.Message);
    }
}
