using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>
/// A bound OVER window remembers where it is written (for errors execution finds later, at the window's line and
/// column) without that position changing which windows are equal; timestamp literals with 7 to 9 fraction digits keep
/// their nanoseconds (as a count of nanoseconds since 1970 of the wall clock), time literals are floored to the microsecond.
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
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123456789'", 2024, 123_456_789L, "TIMESTAMP(9) NOT NULL")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.1234567'", 2024, 123_456_700L, "TIMESTAMP(7) NOT NULL")]
    [InlineData("TIMESTAMP '1969-12-31 23:59:59.999999999'", 1970, -1L, "TIMESTAMP(9) NOT NULL")]
    [InlineData("TIMESTAMP_LTZ '2024-01-01 10:00:00.000000999'", 2024, 999L, "TIMESTAMP_LTZ(9) NOT NULL")]
    public void TimestampLiteral_WithNanoseconds_KeepsThemAsNanosecondsOfTheWallClock(string literal, int year, long nanosAfterNewYear, string type)
    {
        var bound = Literal(literal);
        var newYear = (new DateTime(year, 1, 1, year == 2024 ? 10 : 0, 0, 0) - DateTime.UnixEpoch).Ticks * 100;
        Assert.Equal(newYear + nanosAfterNewYear, Assert.IsType<long>(bound.Value));
        Assert.Equal(type, bound.Type.ToString());
    }

    [Fact]
    public void TimestampLiteral_OfMicroseconds_StaysADateTime() =>
        Assert.Equal(new DateTime(2024, 1, 1, 10, 0, 0).AddTicks(1_234_560), Assert.IsType<DateTime>(Literal("TIMESTAMP '2024-01-01 10:00:00.123456'").Value));

    [Theory]
    [InlineData("TIMESTAMP '2262-04-11 23:47:16.854775808'", "TIMESTAMP(9)")]
    [InlineData("TIMESTAMP_LTZ '1677-09-21 00:12:43.1452241'", "TIMESTAMP_LTZ(7)")]
    public void TimestampLiteral_OutOfTheNanosecondRange_IsAPositionedError(string literal, string type)
    {
        var error = Assert.Throws<SqlException>(() => Bind($"SELECT {literal} AS v"));
        Assert.Equal(1, error.Line);
        Assert.Equal(8, error.Column);
        Assert.Contains(type, error.Message, StringComparison.Ordinal);
        Assert.Contains("1677-09-21 00:12:43.145224192 to 2262-04-11 23:47:16.854775807", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimestampLiteral_WithALetterAmongItsNanosecondDigits_IsIllegal() =>
        Assert.Throws<SqlException>(() => Bind("SELECT TIMESTAMP '2024-01-01 10:00:00.1234567x9' AS v"));

    [Fact]
    public void NanosecondLiteral_IsFormattedWithItsDigits() =>
        Assert.Equal("TIMESTAMP '1969-12-31 23:59:59.999999999'",
            BoundExpressionFormatter.FormatLiteral(Literal("TIMESTAMP '1969-12-31 23:59:59.999999999'")));

    [Fact]
    public void TimeLiteral_WithNanoseconds_IsFlooredToTheMicrosecond()
    {
        var bound = Literal("TIME '10:00:00.123456789'");
        Assert.Equal(new TimeOnly(10, 0, 0).Add(TimeSpan.FromTicks(1_234_560)), (TimeOnly)bound.Value!);
    }
}
