using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>IN, BETWEEN, IS [NOT] DISTINCT FROM, IS TRUE/FALSE/UNKNOWN, GREATEST/LEAST with SQL's three-valued logic.</summary>
public sealed class PredicateTests
{
    private static bool? In(object? value, params object?[] list) =>
        value is null ? null : list.Any(x => Equals(x, value)) ? true : list.Any(x => x is null) ? null : false;

    [Fact]
    public void InListsOfConstants()
    {
        Matches("a IN (1, 2, 3)", v => In(v[0], 1, 2, 3));
        Matches("a NOT IN (1, 2, 3)", v => !In(v[0], 1, 2, 3));
        Matches("a IN (1, CAST(NULL AS INT))", v => In(v[0], 1, null));
        Matches("a NOT IN (1, CAST(NULL AS INT))", v => !In(v[0], 1, null));
        Matches("s IN ('a', 'ab', 'Zürich')", v => In(v[4], "a", "ab", "Zürich"));
        Matches("c IN (0, 100000)", v => In(v[2], 0L, 100000L));
        Matches("a IN (1, 2.5)", v => v[0] is int x ? x == 1 : null);
        Matches("e IN (1.5, 2)", v => v[8] is decimal x ? x == 1.5m || x == 2m : null);
        Matches("g IN (DATE '2000-01-01', DATE '1990-05-05')", v => In(v[10], new DateOnly(2000, 1, 1), new DateOnly(1990, 5, 5)));
    }

    [Fact]
    public void InListsWithColumns()
    {
        Matches("a IN (b, 3)", v => In(v[0], v[1], 3));
        Matches("s IN (t, 'x1')", v => In(v[4], v[5], "x1"));
    }

    [Fact]
    public void Between()
    {
        Matches("a BETWEEN b AND 10", v => v[0] is int x && v[1] is int y ? x >= y && x <= 10 : v[0] is int z && z > 10 ? false : null);
        Matches("a NOT BETWEEN -5 AND 5", v => v[0] is int x ? x < -5 || x > 5 : null);
        Matches("a BETWEEN SYMMETRIC 5 AND -5", v => v[0] is int x ? x >= -5 && x <= 5 : null);
    }

    [Fact]
    public void DistinctFromTreatsNullsAsValues()
    {
        Matches("a IS DISTINCT FROM b", v => !Equals(v[0], v[1]));
        Matches("s IS NOT DISTINCT FROM t", v => Equals(v[4], v[5]));
        Matches("arr IS NOT DISTINCT FROM arr", _ => true);
        Matches("a IS DISTINCT FROM NULL", v => v[0] is not null);
        Matches("e IS DISTINCT FROM CAST(a AS DECIMAL(10, 2))", v => !Equals(v[8], v[0] is int x ? (decimal?)x : null));
    }

    [Fact]
    public void BooleanTests()
    {
        Matches("p IS TRUE", v => (bool?)v[6] == true);
        Matches("p IS NOT TRUE", v => (bool?)v[6] != true);
        Matches("p IS FALSE", v => (bool?)v[6] == false);
        Matches("p IS NOT FALSE", v => (bool?)v[6] != false);
        Matches("p IS UNKNOWN", v => v[6] is null);
        Matches("(a > b) IS NOT UNKNOWN", v => v[0] is not null && v[1] is not null);
    }

    [Fact]
    public void GreatestAndLeastAreNullWhenAnyOperandIs()
    {
        Matches("GREATEST(a, b, 0)", v => v[0] is int x && v[1] is int y ? Math.Max(Math.Max(x, y), 0) : null);
        Matches("LEAST(a, c)", v => v[0] is int x && v[2] is long y ? Math.Min(x, y) : null);
        Matches("GREATEST(s, t)", v => v[4] is string x && v[5] is string y ? (Utf8(x).SequenceCompareTo(Utf8(y)) >= 0 ? x : y) : null);
        Matches("LEAST(h, CAST(g AS TIMESTAMP(3)))", v => v[11] is DateTime x && v[10] is DateOnly y ? (x < y.ToDateTime(TimeOnly.MinValue) ? x : y.ToDateTime(TimeOnly.MinValue)) : null);
        Matches("GREATEST(e, f)", v => v[8] is decimal x && v[9] is decimal y ? Math.Max(x, y) : null);
    }

    [Fact]
    public void ComparisonsOfConstructedValues()
    {
        Matches("arr = ARRAY[1]", v => v[15] is object?[] items ? items.Length == 1 && Equals(items[0], 1) : null);
        Matches("r <> ROW(1, 'a')", v => v[17] is object?[] fields ? !(Equals(fields[0], 1) && Equals(fields[1], "a")) : null);
    }

    private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);
}
