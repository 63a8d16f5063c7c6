using Sluice.Sql.Physical.Expressions;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>Numeric functions against System.Math references (Java's Math has the same IEEE results).</summary>
public sealed class MathFunctionTests
{
    private static double? D(object?[] v) => v[3] as double?;

    [Fact]
    public void DoubleFunctions()
    {
        Matches("SQRT(d)", v => D(v) is { } x ? Math.Sqrt(x) : null);
        Matches("EXP(a)", v => v[0] is int x ? Math.Exp(x) : null);
        Matches("LN(d)", v => D(v) is { } x ? Math.Log(x) : null);
        Matches("LOG10(d)", v => D(v) is { } x ? Math.Log10(x) : null);
        Matches("LOG2(b)", v => v[1] is int x ? Math.Log(x) / Math.Log(2) : null);
        Matches("LOG(2, d)", v => D(v) is { } x ? Math.Log(x) / Math.Log(2) : null);
        Matches("LOG(d)", v => D(v) is { } x ? Math.Log(x) : null);
        Matches("POWER(d, 2)", v => D(v) is { } x ? Math.Pow(x, 2) : null);
        Matches("POWER(a, b)", v => v[0] is int x && v[1] is int y ? Math.Pow(x, y) : null);
        Matches("SIN(d) + COS(d) + TAN(d)", v => D(v) is { } x ? Math.Sin(x) + Math.Cos(x) + Math.Tan(x) : null);
        Matches("ASIN(d / 100) + ACOS(d / 100) + ATAN(d)", v => D(v) is { } x ? Math.Asin(x / 100) + Math.Acos(x / 100) + Math.Atan(x) : null);
        Matches("DEGREES(d)", v => D(v) is { } x ? x * (180.0 / Math.PI) : null);
        Matches("RADIANS(d)", v => D(v) is { } x ? x / 180.0 * Math.PI : null);
        Assert.Equal(Math.PI, Value("PI()"));
        Assert.Equal(Math.E, Value("E()"));
        Assert.True(double.IsNaN((double)Value("SQRT(-1)")!));
    }

    [Fact]
    public void AbsSignFloorCeilModRound()
    {
        Matches("ABS(a)", v => v[0] is int x ? Math.Abs(x) : null);
        Matches("ABS(d)", v => D(v) is { } x ? Math.Abs(x) : null);
        Matches("SIGN(a)", v => v[0] is int x ? Math.Sign(x) : null);
        Matches("SIGN(d)", v => D(v) is { } x ? (double)Math.Sign(x) : null);
        Matches("FLOOR(d)", v => D(v) is { } x ? Math.Floor(x) : null);
        Matches("CEIL(d)", v => D(v) is { } x ? Math.Ceiling(x) : null);
        Matches("FLOOR(a)", v => v[0]);
        Matches("MOD(a, b)", v => v[0] is int x && v[1] is int y ? x % y : null);
        Matches("MOD(c, b)", v => v[2] is long x && v[1] is int y ? (int)(x % y) : null);
        Matches("ROUND(d, 1)", v => D(v) is { } x ? (double)Math.Round((decimal)x, 1, MidpointRounding.AwayFromZero) : null);
        Matches("ROUND(d)", v => D(v) is { } x ? Math.Round(x, MidpointRounding.AwayFromZero) : null);
        Matches("TRUNCATE(d, 1)", v => D(v) is { } x ? (double)(decimal.Truncate((decimal)x * 10) / 10) : null);
        Matches("ROUND(a, -1)", v => v[0] is int x ? (int)(Math.Round(x / 10m, MidpointRounding.AwayFromZero) * 10) : null);
        Matches("TRUNCATE(c, -6)", v => v[2] is long x ? x / 1_000_000 * 1_000_000 : null);
        Assert.Equal(2.68, Value("ROUND(2.675e0, 2)"));
        Assert.Equal(-2.68, Value("ROUND(-2.675e0, 2)"));
        Assert.Equal(int.MinValue, Value("ABS(-2147483647 - 1)"));
        Assert.Equal(0, Value("MOD(-4, 2)"));
        Assert.Equal(-1, Value("MOD(-7, 3)"));
    }

    [Fact]
    public void IntegerOverflowWrapsAsJava()
    {
        Assert.Equal(int.MinValue, Value("2147483647 + 1"));
        Matches("a * 100000000", v => v[0] is int x ? unchecked(x * 100000000) : null);
    }

    [Fact]
    public void RandIsSeededLikeJava()
    {
        // java.util.Random(42).nextDouble() is 0.7275636800328681 (the JDK's LCG).
        Assert.Equal(0.7275636800328681, Value("RAND(42)"));
        var compiled = Compile("RAND(42)");
        using var batch = RandomBatches.Create(0, rows: 5);
        var values = Values(compiled, batch).Cast<double>().ToArray();
        Assert.Equal(0.7275636800328681, values[0]);
        Assert.Equal(5, values.Distinct().Count());
        Assert.All(values, x => Assert.InRange(x, 0, 1));

        var seeded = ExpressionEnvironment.Default with { RandomSeed = 3 };
        using var again = RandomBatches.Create(0, rows: 50);
        var first = Values(Compile("RAND_INTEGER(10)", seeded), again);
        var second = Values(Compile("RAND_INTEGER(10)", seeded), again);
        Assert.Equal(first, second);
        Assert.All(first, x => Assert.InRange((int)x!, 0, 9));
        Assert.Equal(Values(Compile("RAND(a)"), again), Values(Compile("RAND(a)"), again));
        Assert.Throws<Sluice.Core.Errors.SluiceException>(() => Value("RAND_INTEGER(0)"));
    }
}
