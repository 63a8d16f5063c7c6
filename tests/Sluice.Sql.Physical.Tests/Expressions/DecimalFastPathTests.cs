using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Decimal products whose exact scale is the result scale take a 64-bit path (operands read as longs, one 128-bit
/// product per row); it agrees with exact decimal arithmetic, including NULL operands and 128-bit operands that fit 64
/// bits (a BIGINT read as <c>DECIMAL(19, 0)</c>).
/// </summary>
public sealed class DecimalFastPathTests
{
    [Theory]
    [InlineData("0.908 * c", 0.908)]
    [InlineData("c * 0.908", 0.908)]
    [InlineData("-1.5 * c", -1.5)]
    public void ConstantTimesBigintIsExact(string expression, double factor)
    {
        Assert.Equal(factor == 0.908 ? 3 : 1, Bind(expression).Type.Scale);
        Matches(expression, v => v[2] is long c ? c * (decimal)factor : null);
    }

    [Fact]
    public void ProductsOfTwoColumnsAreExact() =>
        Matches("e * CAST(c AS DECIMAL(19, 0))", v => v[8] is decimal e && v[2] is long c ? e * c : null);
}
