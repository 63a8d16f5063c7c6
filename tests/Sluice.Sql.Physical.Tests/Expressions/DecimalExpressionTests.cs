using Sluice.Core.Errors;
using Sluice.Core.Types;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// DECIMAL arithmetic, comparisons, casts and functions against System.Decimal references rounded half up to the
/// result scale the binder inferred (Flink's LogicalTypeMerging): e is DECIMAL(10, 2), f DECIMAL(30, 5).
/// </summary>
public sealed class DecimalExpressionTests
{
    private static decimal Round(decimal value, int scale) => Math.Round(value, scale, MidpointRounding.AwayFromZero);

    private static int ScaleOf(string expression) => Bind(expression).Type.Scale;

    [Fact]
    public void ResultTypesFollowFlinksRules()
    {
        Assert.Equal(DataTypes.Decimal(11, 2), Bind("e + e").Type.Nullable());
        Assert.Equal(DataTypes.Decimal(21, 4), Bind("e * e").Type.Nullable());
        Assert.Equal(DataTypes.Decimal(23, 13), Bind("e / e").Type.Nullable());
        Assert.Equal(DataTypes.Decimal(31, 5), Bind("e + f").Type.Nullable());
    }

    [Theory]
    [InlineData("e + f")]
    [InlineData("e - f")]
    [InlineData("f - e")]
    [InlineData("e * e")]
    [InlineData("e * a")]
    [InlineData("a - e")]
    [InlineData("e * f")]
    public void AdditionSubtractionAndMultiplicationAreExact(string expression)
    {
        var scale = ScaleOf(expression);
        var precision = Bind(expression).Type.Precision;
        Func<decimal, decimal, decimal> op = expression[2] switch
        {
            '+' => (x, y) => x + y,
            '-' => (x, y) => x - y,
            _ => (x, y) => x * y,
        };
        Matches(expression, v =>
        {
            var left = Operand(v, expression[0]);
            var right = Operand(v, expression[^1]);
            if (left is null || right is null)
            {
                return null;
            }

            var exact = op(left.Value, right.Value);
            var rounded = Round(exact, scale);
            return precision - scale <= 28 && Math.Abs(rounded) >= (decimal)Math.Pow(10, precision - scale) ? null : rounded;
        });
    }

    [Fact]
    public void DivisionRoundsHalfUpToTheResultScale()
    {
        var scale = ScaleOf("e / b");
        Matches("e / b", v => v[8] is decimal x && v[1] is int y ? Round(x / y, scale) : null);
        Matches("f / e", v => v[9] is decimal x && v[8] is decimal y && y != 0 ? Round(x / y, ScaleOf("f / e")) : null,
            batches: 1);
    }

    [Fact]
    public void ModuloHasTheSignOfTheDividend()
    {
        Matches("e % b", v => v[8] is decimal x && v[1] is int y ? x % y : null);
        Matches("MOD(f, e)", v => v[9] is decimal x && v[8] is decimal y && y != 0 ? x % y : null, batches: 1);
    }

    [Fact]
    public void DivisionByZeroIsAUserError()
    {
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Value("CAST(1.5 AS DECIMAL(10, 2)) / CAST(0 AS DECIMAL(10, 2))")).Domain);
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Value("MOD(1.5, 0.0)")).Domain);
    }

    [Fact]
    public void HandDerivedResults()
    {
        Assert.Equal(0.3m, Value("0.1 + 0.2"));
        // 27-digit operands: the exact product (53 digits) needs 256 bits before it is rounded to the result scale 13.
        Assert.Equal(DataTypes.Decimal(38, 13), Bind("CAST(1.23456789012345678901234567 AS DECIMAL(38, 26)) * CAST(1.23456789012345678901234567 AS DECIMAL(38, 26))").Type.Nullable());
        Assert.Equal(1.5241578753239m, Value("CAST(1.23456789012345678901234567 AS DECIMAL(38, 26)) * CAST(1.23456789012345678901234567 AS DECIMAL(38, 26))"));
        Assert.Equal(0.333333m, Value("CAST(1 AS DECIMAL(1, 0)) / CAST(3 AS DECIMAL(1, 0))"));
        Assert.Equal(0.666667m, Value("CAST(2 AS DECIMAL(1, 0)) / CAST(3 AS DECIMAL(1, 0))"));
        Assert.Equal(-0.666667m, Value("CAST(-2 AS DECIMAL(1, 0)) / CAST(3 AS DECIMAL(1, 0))"));
        Assert.Equal(1.5m, Value("-(-1.5)"));
        // DECIMAL(38, 18) × DECIMAL(38, 20) is DECIMAL(38, 6): 99999999999999999998.00000000000000000001 rounds to 99999999999999999998.
        Assert.Equal(9999999999999999999.8m,
            Value("CAST(99999999999999999999 AS DECIMAL(38, 18)) * CAST(0.99999999999999999999 AS DECIMAL(38, 20)) / 10"));
    }

    [Fact]
    public void OverflowIsNullAsInFlink()
    {
        Assert.Null(Value("CAST(12345.67 AS DECIMAL(5, 2))"));
        Assert.Null(Value("CAST(9999999999999999999999999999 AS DECIMAL(38, 0)) * CAST(100000000000 AS DECIMAL(38, 0))"));
        Assert.Null(Value("CAST(1e40 AS DECIMAL(38, 0))"));
    }

    [Fact]
    public void BigintsCastToDecimalExactlyOrNullWhenTooLong()
    {
        // c is BIGINT: the cast's 64-bit path writes into a 64-bit and a 128-bit decimal vector.
        Matches("CAST(c AS DECIMAL(19, 0))", v => v[2] is long x ? (decimal)x : null);
        Matches("CAST(c AS DECIMAL(25, 3))", v => v[2] is long x ? (decimal)x : null);
        Matches("CAST(c AS DECIMAL(4, 1))", v => v[2] is long x ? (Math.Abs(x) < 1000 ? (decimal)x : null) : null);
        Assert.Null(Value("CAST(CAST(-1000 AS BIGINT) AS DECIMAL(4, 1))"));
        Assert.Equal(-999.0m, Value("CAST(CAST(-999 AS BIGINT) AS DECIMAL(4, 1))"));
    }

    [Fact]
    public void SixtyFourBitProductsAreExact()
    {
        // q1's shape: a 64-bit literal times a BIGINT widened to DECIMAL(19, 0), result DECIMAL(23, 3).
        Matches("0.908 * CAST(c AS DECIMAL(19, 0))", v => v[2] is long x ? 0.908m * x : null);
        Matches("-0.908 * CAST(c AS DECIMAL(19, 0))", v => v[2] is long x ? -0.908m * x : null);
        Assert.Equal(-999999999998000000000001m, Value("CAST(-999999999999 AS DECIMAL(12, 0)) * CAST(999999999999 AS DECIMAL(12, 0))"));
        Assert.Equal(99.980001m, Value("CAST(9.999 AS DECIMAL(4, 3)) * CAST(9.999 AS DECIMAL(4, 3))"));
    }

    [Fact]
    public void ComparisonsAcrossScalesAreExact()
    {
        Matches("e < f", v => v[8] is decimal x && v[9] is decimal y ? x < y : null);
        Matches("e = CAST(e AS DECIMAL(20, 6))", v => v[8] is decimal ? true : null);
        Matches("e > a", v => v[8] is decimal x && v[0] is int y ? x > y : null);
        Matches("e BETWEEN -100 AND 100.5", v => v[8] is decimal x ? x >= -100 && x <= 100.5m : null);
        Assert.Equal(true, Value("CAST(1.10 AS DECIMAL(5, 2)) = CAST(1.1 AS DECIMAL(3, 1))"));
    }

    [Fact]
    public void CastsRoundHalfUpAndTruncateToIntegers()
    {
        Matches("CAST(e AS DECIMAL(10, 1))", v => v[8] is decimal x ? Round(x, 1) : null);
        Matches("CAST(e AS INT)", v => v[8] is decimal x ? (int)decimal.Truncate(x) : null);
        Matches("CAST(e AS DOUBLE)", v => v[8] is decimal x ? (double)x : null);
        Matches("CAST(d AS DECIMAL(10, 1))", v => v[3] is double x ? Round((decimal)x, 1) : null);
        Matches("CAST(a AS DECIMAL(4, 1))", v => v[0] is int x ? (decimal)x : null);
        Matches("CAST(CAST(e AS STRING) AS DECIMAL(10, 2))", v => v[8]);
        Assert.Equal(1.01m, Value("CAST('1.005' AS DECIMAL(10, 2))"));
        Assert.Equal(-1.01m, Value("CAST(' -1.005 ' AS DECIMAL(10, 2))"));
        Assert.Equal(1500m, Value("CAST('1.5E3' AS DECIMAL(10, 0))"));
        Assert.Equal(0.68m, Value("CAST(0.675e0 AS DECIMAL(5, 2))"));
        Assert.Equal(1, Value("CAST(1.99 AS INT)"));
        Assert.Equal(-1, Value("CAST(-1.99 AS INT)"));
        Assert.Equal(true, Value("CAST(0.01 AS BOOLEAN)"));
        Assert.Null(Value("TRY_CAST('x1' AS DECIMAL(5, 2))"));
        var error = Assert.Throws<SluiceException>(() => Value("CAST('x1' AS DECIMAL(5, 2))"));
        Assert.Contains("'x1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DECIMAL(5, 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextKeepsEveryScaleDigit()
    {
        Assert.Equal("1.50", Value("CAST(CAST(1.5 AS DECIMAL(5, 2)) AS STRING)"));
        Assert.Equal("-0.05", Value("CAST(CAST(-0.05 AS DECIMAL(5, 2)) AS STRING)"));
        Assert.Equal("12", Value("CAST(CAST(12 AS DECIMAL(5, 0)) AS STRING)"));
        Matches("CAST(e AS STRING)", v => v[8] is decimal x ? x.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    [Fact]
    public void FunctionsOnDecimals()
    {
        Matches("ABS(e)", v => v[8] is decimal x ? Math.Abs(x) : null);
        Matches("SIGN(e)", v => v[8] is decimal x ? (decimal)Math.Sign(x) : null);
        Matches("FLOOR(e)", v => v[8] is decimal x ? Math.Floor(x) : null);
        Matches("CEIL(e)", v => v[8] is decimal x ? Math.Ceiling(x) : null);
        Matches("ROUND(e, 1)", v => v[8] is decimal x ? Round(x, 1) : null);
        Matches("ROUND(e, -1)", v => v[8] is decimal x ? Round(x / 10, 0) * 10 : null);
        Matches("TRUNCATE(e, 1)", v => v[8] is decimal x ? decimal.Truncate(x * 10) / 10 : null);
        Matches("-e", v => v[8] is decimal x ? -x : null);
        Assert.Equal(DataTypes.Decimal(10, 1), Bind("ROUND(e, 1)").Type.Nullable());
        Assert.Equal(DataTypes.Decimal(9, 0), Bind("FLOOR(e)").Type.Nullable());
    }

    private static decimal? Operand(object?[] v, char name) => name switch
    {
        'a' => v[0] is int i ? i : null,
        'e' => v[8] as decimal?,
        _ => v[9] as decimal?,
    };
}
