using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>
/// A bound OVER window remembers where it is written (for errors execution finds later, at the window's line and
/// column) without that position changing which windows are equal; temporal literals with 7 to 9 fraction digits are
/// floored to the microsecond the engine keeps, their type keeping the written precision.
/// </summary>
public sealed class OverWindowSpanAndTemporalLiteralTests
{
    private static IEnumerable<LogicalPlan> Nodes(LogicalPlan plan) => plan.Inputs.SelectMany(Nodes).Prepend(plan);

    private static IEnumerable<BoundWindow> Windows(LogicalPlan plan) =>
        Nodes(plan).OfType<OverWindow>().Select(o => o.Window)
            .Concat(Nodes(plan).SelectMany(n => n.Expressions).SelectMany(e => e.Descendants()).OfType<BoundOverCall>().Select(c => c.Window));

    [Fact]
    public void BoundWindow_CarriesTheSpanOfItsOverSpecification()
    {
        const string sql = "SELECT i,\n  SUM(i) OVER (PARTITION BY s ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS x FROM T";
        var window = Assert.Single(Windows(Bind(sql)).Distinct());
        Assert.Equal(2, window.Span.Line);
        var line = sql.Split('\n')[1];
        Assert.InRange(window.Span.Column, line.IndexOf("OVER", StringComparison.Ordinal) + 1, line.IndexOf("AS x", StringComparison.Ordinal));
    }

    [Fact]
    public void EqualWindowsWrittenInDifferentPlaces_AreEqual_AndShareOneOverWindow()
    {
        var plan = Bind("""
            SELECT SUM(i) OVER (PARTITION BY s ORDER BY ts) AS a,
                   MAX(i) OVER (PARTITION BY s ORDER BY ts) AS b
            FROM T
            """);
        var window = Windows(plan).First();
        var elsewhere = window with { Span = new SourceSpan(0, 5, 9, 3) };
        Assert.Equal(window, elsewhere);
        Assert.Equal(window.GetHashCode(), elsewhere.GetHashCode());
        Assert.NotEqual(window, window with { Frame = window.Frame with { Unit = FrameUnit.Rows } });
        var over = Nodes(plan).OfType<OverWindow>().ToList();
        Assert.True(over.Count == 0 || over.All(o => o.Calls.Count == 2), "the two calls over equal windows share one OVER window");
    }

    private static BoundLiteral Literal(string expression) =>
        Assert.IsType<BoundLiteral>(Assert.IsType<Project>(Bind($"SELECT {expression} AS v")).Projections[0]);

    [Theory]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123456789'", "2024-01-01T10:00:00.1234560", "TIMESTAMP(9) NOT NULL")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.1234567'", "2024-01-01T10:00:00.1234560", "TIMESTAMP(7) NOT NULL")]
    [InlineData("TIMESTAMP '1969-12-31 23:59:59.999999999'", "1969-12-31T23:59:59.9999990", "TIMESTAMP(9) NOT NULL")]
    [InlineData("TIMESTAMP_LTZ '2024-01-01 10:00:00.000000999'", "2024-01-01T10:00:00.0000000", "TIMESTAMP_LTZ(9) NOT NULL")]
    public void TimestampLiteral_WithNanoseconds_IsFlooredToTheMicrosecond(string literal, string expected, string type)
    {
        var bound = Literal(literal);
        Assert.Equal(expected, ((DateTime)bound.Value!).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(type, bound.Type.ToString());
    }

    [Fact]
    public void TimeLiteral_WithNanoseconds_IsFlooredToTheMicrosecond()
    {
        var bound = Literal("TIME '10:00:00.123456789'");
        Assert.Equal(new TimeOnly(10, 0, 0).Add(TimeSpan.FromTicks(1_234_560)), (TimeOnly)bound.Value!);
    }
}
