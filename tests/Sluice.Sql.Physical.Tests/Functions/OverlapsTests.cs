using Sluice.Sql;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Functions;

/// <summary>
/// <c>(start, end) OVERLAPS (start, end)</c> with Flink's semantics: the end may be a point or an interval after the
/// start, each period's points are ordered first, and touching periods overlap.
/// </summary>
public sealed class OverlapsTests
{
    [Fact]
    public void FlinksDocumentedExamples()
    {
        Assert.Equal(true, Value("(TIME '02:55:00', INTERVAL '1' HOUR) OVERLAPS (TIME '03:30:00', INTERVAL '2' HOUR)"));
        Assert.Equal(false, Value("(TIME '09:00:00', TIME '10:00:00') OVERLAPS (TIME '10:15:00', INTERVAL '3' HOUR)"));
    }

    [Fact]
    public void PointsAreOrdered_AndTouchingPeriodsOverlap()
    {
        Assert.Equal(true, Value("(TIMESTAMP '2024-01-01 12:00:00', TIMESTAMP '2024-01-01 10:00:00') OVERLAPS (TIMESTAMP '2024-01-01 11:00:00', INTERVAL '1' MINUTE)"));
        Assert.Equal(true, Value("(DATE '2024-01-01', DATE '2024-01-10') OVERLAPS (DATE '2024-01-10', DATE '2024-01-20')"));
        Assert.Equal(false, Value("(DATE '2024-01-01', DATE '2024-01-09') OVERLAPS (DATE '2024-01-20', DATE '2024-01-10')"));
    }

    [Fact]
    public void NullPoints_GiveNullOrFalse()
    {
        Assert.Null(Value("(TIMESTAMP '2024-01-01 10:00:00', CAST(NULL AS TIMESTAMP(3))) OVERLAPS (TIMESTAMP '2024-01-01 09:00:00', TIMESTAMP '2024-01-01 11:00:00')"));
        Assert.Equal(false, Value("(TIMESTAMP '2024-01-01 10:00:00', CAST(NULL AS TIMESTAMP(3))) OVERLAPS (TIMESTAMP '2024-01-01 12:00:00', TIMESTAMP '2024-01-01 13:00:00')"));
    }

    [Fact]
    public void OnColumns_MatchesAReference()
    {
        // (h, h + a % 100 minutes) OVERLAPS (h + 30 minutes, 1 hour): the first period reaches 30 minutes past h iff a % 100 >= 30
        // (a negative a puts the points in the other order, which ends at h). With a NULL, the first period's points are
        // (NULL, h): it ends at h, before the second starts, so the result is FALSE rather than NULL.
        Matches("(h, h + MOD(a, 100) * INTERVAL '1' MINUTE) OVERLAPS (h + INTERVAL '30' MINUTE, INTERVAL '1' HOUR)",
            v => v[11] is null ? null : v[0] is int a ? a % 100 >= 30 : false);
    }

    [Fact]
    public void ParsesAndFormatsAsAnOperator()
    {
        var statement = SqlParser.ParseStatement("SELECT (a, b) OVERLAPS (c, d) AND x FROM t");
        Assert.Contains("(a, b) OVERLAPS (c, d) AND x", SqlFormatter.Format(statement), StringComparison.Ordinal);
    }

    [Fact]
    public void OperandsThatAreNotPeriods_AreErrorsAtTheirPosition()
    {
        var error = Assert.ThrowsAny<SqlException>(() => Bind("h OVERLAPS (h, h)"));
        Assert.Contains("periods", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(8, error.Column);
        var type = Assert.ThrowsAny<SqlException>(() => Bind("(h, 1) OVERLAPS (h, h)"));
        Assert.Contains("end of an OVERLAPS period", type.Message, StringComparison.Ordinal);
    }
}
