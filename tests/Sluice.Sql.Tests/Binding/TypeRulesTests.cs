using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Tests.Binding;

/// <summary>The type system on its own: least restrictive types, decimal arithmetic, casts.</summary>
public class TypeRulesTests
{
    private static DataType T(string sql) => SqlParser.ParseDataType(sql).ToDataType();

    [Theory]
    [InlineData("TINYINT", "BIGINT", "BIGINT")]
    [InlineData("INT NOT NULL", "BIGINT NOT NULL", "BIGINT NOT NULL")]
    [InlineData("INT NOT NULL", "BIGINT", "BIGINT")]
    [InlineData("INT", "DECIMAL(5, 2)", "DECIMAL(12, 2)")]
    [InlineData("DECIMAL(5, 3)", "DECIMAL(10, 1)", "DECIMAL(12, 3)")]
    [InlineData("DECIMAL(38, 10)", "BIGINT", "DECIMAL(38, 10)")]
    [InlineData("DECIMAL(10, 2)", "FLOAT", "FLOAT")]
    [InlineData("FLOAT", "DOUBLE", "DOUBLE")]
    [InlineData("CHAR(2)", "CHAR(2)", "CHAR(2)")]
    [InlineData("CHAR(2)", "CHAR(5)", "VARCHAR(5)")]
    [InlineData("CHAR(2)", "VARCHAR(1)", "VARCHAR(2)")]
    [InlineData("VARCHAR(3)", "STRING", "STRING")]
    [InlineData("BINARY(2)", "BYTES", "BYTES")]
    [InlineData("DATE", "TIMESTAMP(3)", "TIMESTAMP(3)")]
    [InlineData("TIMESTAMP(3)", "TIMESTAMP(6)", "TIMESTAMP(6)")]
    [InlineData("TIMESTAMP(3)", "TIMESTAMP_LTZ(3)", "TIMESTAMP_LTZ(3)")]
    [InlineData("ARRAY<INT>", "ARRAY<BIGINT NOT NULL>", "ARRAY<BIGINT>")]
    [InlineData("MAP<STRING, INT>", "MAP<CHAR(1), DOUBLE>", "MAP<STRING, DOUBLE>")]
    public void LeastRestrictive_OfTwoTypes(string left, string right, string expected)
    {
        Assert.Equal(expected, TypeRules.LeastRestrictive(T(left), T(right))!.ToString());
        Assert.Equal(expected, TypeRules.LeastRestrictive(T(right), T(left))!.ToString());
    }

    [Fact]
    public void LeastRestrictive_OfRows_TakesTheFirstRowsNames() =>
        Assert.Equal("ROW<`a` BIGINT>", TypeRules.LeastRestrictive(T("ROW<a INT>"), T("ROW<b BIGINT>"))!.ToString());

    [Theory]
    [InlineData("INT", "STRING")]
    [InlineData("BOOLEAN", "INT")]
    [InlineData("DATE", "TIME")]
    [InlineData("ARRAY<INT>", "MAP<INT, INT>")]
    [InlineData("ROW<a INT>", "ROW<a INT, b INT>")]
    public void LeastRestrictive_OfIncompatibleTypes_IsNull(string left, string right) =>
        Assert.Null(TypeRules.LeastRestrictive(T(left), T(right)));

    [Fact]
    public void LeastRestrictive_WithNullType_IsTheOtherTypeNullable()
    {
        Assert.Equal("INT", TypeRules.LeastRestrictive([DataTypes.Null(), DataTypes.Int().NotNull()])!.ToString());
        Assert.Equal("NULL", TypeRules.LeastRestrictive([DataTypes.Null()])!.ToString());
    }

    [Theory]
    [InlineData(BinaryOperator.Add, "DECIMAL(38, 18)", "DECIMAL(38, 18)", "DECIMAL(38, 17)")]
    [InlineData(BinaryOperator.Multiply, "DECIMAL(20, 10)", "DECIMAL(20, 10)", "DECIMAL(38, 17)")]
    [InlineData(BinaryOperator.Multiply, "DECIMAL(20, 2)", "DECIMAL(20, 2)", "DECIMAL(38, 4)")]
    [InlineData(BinaryOperator.Multiply, "DECIMAL(38, 10)", "DECIMAL(38, 10)", "DECIMAL(38, 6)")]
    [InlineData(BinaryOperator.Divide, "DECIMAL(38, 0)", "DECIMAL(20, 0)", "DECIMAL(38, 6)")]
    [InlineData(BinaryOperator.Divide, "INT", "INT", "INT")]
    [InlineData(BinaryOperator.Modulo, "DECIMAL(10, 4)", "INT", "DECIMAL(10, 4)")]
    [InlineData(BinaryOperator.Subtract, "TIMESTAMP(3)", "INTERVAL DAY TO SECOND(3)", "TIMESTAMP(3)")]
    public void ArithmeticType_FollowsFlink(BinaryOperator op, string left, string right, string expected) =>
        Assert.Equal(expected, TypeRules.ArithmeticType(op, T(left), T(right))!.ToString());

    [Theory]
    [InlineData(BinaryOperator.Add, "STRING", "INT")]
    [InlineData(BinaryOperator.Subtract, "TIMESTAMP(3)", "TIMESTAMP(3)")]
    [InlineData(BinaryOperator.Multiply, "DATE", "INT")]
    [InlineData(BinaryOperator.Add, "TIME", "INTERVAL YEAR TO MONTH")]
    public void ArithmeticType_OfInvalidOperands_IsNull(BinaryOperator op, string left, string right) =>
        Assert.Null(TypeRules.ArithmeticType(op, T(left), T(right)));

    [Theory]
    [InlineData(39, 0, "DECIMAL(38, 0)")]
    [InlineData(77, 36, "DECIMAL(38, 6)")]
    [InlineData(50, 4, "DECIMAL(38, 4)")]
    [InlineData(45, 20, "DECIMAL(38, 13)")]
    [InlineData(10, 2, "DECIMAL(10, 2)")]
    public void AdjustedDecimal_KeepsIntegerDigitsAndAtLeastSixFractionDigits(int precision, int scale, string expected) =>
        Assert.Equal(expected, TypeRules.AdjustedDecimal(precision, scale).ToString());

    [Theory]
    [InlineData("INT", "BIGINT", true)]
    [InlineData("BIGINT", "INT", false)]
    [InlineData("INT", "DECIMAL(10, 0)", true)]
    [InlineData("DECIMAL(10, 2)", "DECIMAL(5, 1)", true)]
    [InlineData("DECIMAL(10, 2)", "DOUBLE", true)]
    [InlineData("DOUBLE", "DECIMAL(10, 2)", false)]
    [InlineData("CHAR(3)", "VARCHAR(2)", true)]
    [InlineData("STRING", "INT", false)]
    [InlineData("DATE", "TIMESTAMP(3)", true)]
    [InlineData("TIMESTAMP(3)", "DATE", false)]
    [InlineData("TIMESTAMP(6)", "TIMESTAMP_LTZ(3)", true)]
    [InlineData("ARRAY<INT>", "ARRAY<BIGINT>", true)]
    [InlineData("ARRAY<BIGINT>", "ARRAY<INT>", false)]
    [InlineData("INT", "INT NOT NULL", true)]
    public void CanCastImplicitly_IsWidening(string from, string to, bool expected) =>
        Assert.Equal(expected, TypeRules.CanCastImplicitly(T(from), T(to)));

    [Theory]
    [InlineData("STRING", "INT", true)]
    [InlineData("INT", "STRING", true)]
    [InlineData("DOUBLE", "TINYINT", true)]
    [InlineData("BOOLEAN", "INT", true)]
    [InlineData("BOOLEAN", "DATE", false)]
    [InlineData("BIGINT", "TIMESTAMP(3)", false)]
    [InlineData("TIMESTAMP(3)", "BIGINT", false)]
    [InlineData("TIMESTAMP(3)", "TIME", true)]
    [InlineData("DATE", "TIME", false)]
    [InlineData("BYTES", "STRING", true)]
    [InlineData("STRING", "BYTES", true)]
    [InlineData("INT", "BYTES", false)]
    [InlineData("ROW<a INT, b STRING>", "ROW<x BIGINT, y INT>", true)]
    [InlineData("ROW<a INT>", "ROW<x BIGINT, y INT>", false)]
    [InlineData("STRING", "ARRAY<INT>", false)]
    public void CanCastExplicitly_FollowsFlink(string from, string to, bool expected) =>
        Assert.Equal(expected, TypeRules.CanCastExplicitly(T(from), T(to)));
}
