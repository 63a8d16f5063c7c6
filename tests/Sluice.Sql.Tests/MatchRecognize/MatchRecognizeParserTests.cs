using Sluice.Sql.Ast;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.MatchRecognize;

/// <summary>MATCH_RECOGNIZE: parsing to the tree, the canonical text and its round trip, and positioned errors.</summary>
public class MatchRecognizeParserTests
{
    private const string Ticker = """
        SELECT *
        FROM Ticker
            MATCH_RECOGNIZE (
                PARTITION BY symbol
                ORDER BY rowtime
                MEASURES
                    START_ROW.rowtime AS start_tstamp,
                    LAST(PRICE_DOWN.rowtime) AS bottom_tstamp,
                    LAST(PRICE_UP.rowtime) AS end_tstamp
                ONE ROW PER MATCH
                AFTER MATCH SKIP TO LAST PRICE_UP
                PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
                DEFINE
                    PRICE_DOWN AS
                        (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price) OR
                            PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
                    PRICE_UP AS
                        PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
            ) MR
        """;

    [Fact]
    public void TickerExample_ParsesEveryClause()
    {
        var select = Select(Ticker);
        var match = Assert.IsType<MatchRecognizeReference>(select.From);
        Assert.Equal("Ticker", Assert.IsType<NamedTableReference>(match.Input).Name.Last.Value);
        Assert.Equal("symbol", Assert.IsType<IdentifierExpression>(Assert.Single(match.PartitionBy)).Name.Last.Value);
        Assert.Equal(["start_tstamp", "bottom_tstamp", "end_tstamp"], match.Measures.Select(m => m.Name.Value));
        Assert.True(match.OneRowPerMatch);
        Assert.Equal(MatchSkipKind.ToLast, match.AfterMatch!.Kind);
        Assert.Equal("PRICE_UP", match.AfterMatch.Variable!.Value);
        var pattern = Assert.IsType<RowPatternConcatenation>(match.Pattern);
        Assert.Equal(3, pattern.Items.Count);
        var down = Assert.IsType<RowPatternQuantified>(pattern.Items[1]);
        Assert.Equal((1, (int?)null, false), (down.Min, down.Max, down.Reluctant));
        Assert.Equal(["PRICE_DOWN", "PRICE_UP"], match.Definitions.Select(d => d.Variable.Value));
        Assert.Equal("MR", match.Alias!.Name.Value);
        Assert.Null(match.Within);
    }

    [Fact]
    public void TickerExample_FormatsCanonicallyAndRoundTrips()
    {
        var canonical = Canonical(Ticker);
        Assert.Equal(
            "SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime "
            + "MEASURES START_ROW.rowtime AS start_tstamp, LAST(PRICE_DOWN.rowtime) AS bottom_tstamp, LAST(PRICE_UP.rowtime) AS end_tstamp "
            + "ONE ROW PER MATCH AFTER MATCH SKIP TO LAST PRICE_UP PATTERN (START_ROW PRICE_DOWN+ PRICE_UP) "
            + "DEFINE PRICE_DOWN AS LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price OR PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1), "
            + "PRICE_UP AS PRICE_UP.price > LAST(PRICE_DOWN.price, 1)) AS MR",
            canonical);
        Assert.Equal(canonical, Canonical(canonical));
        EqualIgnoringSpans(SqlParser.ParseStatement(Ticker), SqlParser.ParseStatement(canonical));
    }

    [Theory]
    [InlineData("A*", 0, null, false)]
    [InlineData("A+", 1, null, false)]
    [InlineData("A?", 0, 1, false)]
    [InlineData("A{3}", 3, 3, false)]
    [InlineData("A{2,}", 2, null, false)]
    [InlineData("A{2,5}", 2, 5, false)]
    [InlineData("A{,4}", 0, 4, false)]
    [InlineData("A*?", 0, null, true)]
    [InlineData("A+?", 1, null, true)]
    [InlineData("A??", 0, 1, true)]
    [InlineData("A{2,5}?", 2, 5, true)]
    [InlineData("A{0,}", 0, null, false)]
    public void Quantifiers_ParseToBoundsAndGreediness(string quantified, int min, int? max, bool reluctant)
    {
        var match = Parse($"PATTERN (S {quantified} Z)");
        var item = Assert.IsType<RowPatternQuantified>(Assert.IsType<RowPatternConcatenation>(match.Pattern).Items[1]);
        Assert.Equal((min, max, reluctant), (item.Min, item.Max, item.Reluctant));
        Assert.Equal("A", Assert.IsType<RowPatternVariable>(item.Pattern).Name.Value);
    }

    [Theory]
    [InlineData("PATTERN (A B* C)", "PATTERN (A B* C)")]
    [InlineData("PATTERN ((A B)+ C)", "PATTERN ((A B)+ C)")]
    [InlineData("PATTERN (A | B C | D)", "PATTERN (A | B C | D)")]
    [InlineData("PATTERN ((A | B) C)", "PATTERN ((A | B) C)")]
    [InlineData("PATTERN (A (B | C)+? D)", "PATTERN (A (B | C)+? D)")]
    [InlineData("PATTERN (A{0,} B{1,} C{0,1} D)", "PATTERN (A* B+ C? D)")]
    [InlineData("PATTERN ((A*)+ B)", "PATTERN ((A*)+ B)")]
    [InlineData("PATTERN (A (B C) D)", "PATTERN (A (B C) D)")]
    public void Patterns_FormatWithTheParenthesesTheyNeed(string pattern, string expected)
    {
        var sql = $"SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts {pattern} DEFINE A AS TRUE)";
        var canonical = Canonical(sql);
        Assert.Contains(expected + " DEFINE", canonical, StringComparison.Ordinal);
        Assert.Equal(canonical, Canonical(canonical));
        EqualIgnoringSpans(SqlParser.ParseStatement(sql), SqlParser.ParseStatement(canonical));
    }

    [Fact]
    public void OptionalClauses_RoundTrip()
    {
        var sql = "SELECT * FROM (SELECT * FROM t) MATCH_RECOGNIZE (PARTITION BY a, b ORDER BY ts, c DESC "
            + "MEASURES FIRST(A.x, 2) AS f, AVG(B.y) AS avgY, MATCH_ROWTIME() AS mt AFTER MATCH SKIP TO NEXT ROW "
            + "PATTERN (A B+? C) WITHIN INTERVAL '10' MINUTE SUBSET AB = (A, B), BC = (B, C) DEFINE A AS A.x > 0, C AS PREV(C.x) < C.x) AS M (p, q)";
        var match = Assert.IsType<MatchRecognizeReference>(Select(sql).From);
        Assert.IsType<DerivedTableReference>(match.Input);
        Assert.False(match.OneRowPerMatch);
        Assert.Equal(MatchSkipKind.ToNextRow, match.AfterMatch!.Kind);
        Assert.NotNull(match.Within);
        Assert.Equal(["AB", "BC"], match.Subsets.Select(s => s.Name.Value));
        Assert.Equal(["B", "C"], match.Subsets[1].Variables.Select(v => v.Value));
        Assert.Equal(["p", "q"], match.Alias!.Columns.Select(c => c.Value));
        var canonical = Canonical(sql);
        Assert.Equal(canonical, Canonical(canonical));
        EqualIgnoringSpans(SqlParser.ParseStatement(sql), SqlParser.ParseStatement(canonical));
    }

    [Theory]
    [InlineData("AFTER MATCH SKIP PAST LAST ROW", MatchSkipKind.PastLastRow, null)]
    [InlineData("AFTER MATCH SKIP TO NEXT ROW", MatchSkipKind.ToNextRow, null)]
    [InlineData("AFTER MATCH SKIP TO FIRST B", MatchSkipKind.ToFirst, "B")]
    [InlineData("AFTER MATCH SKIP TO LAST B", MatchSkipKind.ToLast, "B")]
    [InlineData("AFTER MATCH SKIP TO B", MatchSkipKind.ToVariable, "B")]
    public void AfterMatchSkip_EveryStrategy(string clause, MatchSkipKind kind, string? variable)
    {
        var match = Parse(clause + " PATTERN (A B)");
        Assert.Equal(kind, match.AfterMatch!.Kind);
        Assert.Equal(variable, match.AfterMatch.Variable?.Value);
        Assert.Contains(clause, Canonical(Sql(clause + " PATTERN (A B)")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts ALL ROWS PER MATCH PATTERN (A) DEFINE A AS TRUE)",
        "line 1, column 46: ALL ROWS PER MATCH is not supported (as in Flink, MATCH_RECOGNIZE supports only ONE ROW PER MATCH)")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (^A B) DEFINE A AS TRUE)",
        "line 1, column 55: the row pattern anchors ^ and $ are not supported (they have no meaning on a stream; Flink does not support them either)")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B $) DEFINE A AS TRUE)",
        "line 1, column 59: the row pattern anchors ^ and $ are not supported (they have no meaning on a stream; Flink does not support them either)")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B$) DEFINE A AS TRUE)",
        "line 1, column 57: the row pattern anchors ^ and $ are not supported (they have no meaning on a stream; Flink does not support them either)")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (PERMUTE (A, B)) DEFINE A AS TRUE)",
        "line 1, column 55: PERMUTE is not supported in row patterns (as in Flink); write the permutations as alternatives (A B | B A)")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A {- B -} C) DEFINE A AS TRUE)",
        "line 1, column 57: row pattern exclusions {- ... -} are not supported (they need ALL ROWS PER MATCH, which Flink does not support)")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B{0} C) DEFINE A AS TRUE)",
        "line 1, column 58: the quantifier {n} needs n > 0")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B{3,1} C) DEFINE A AS TRUE)",
        "line 1, column 58: the quantifier {3,1} needs 0 <= n <= m and m > 0")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B*+ C) DEFINE A AS TRUE)",
        "line 1, column 59: a row pattern takes one quantifier; put the quantified pattern in parentheses to quantify it again")]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B))",
        "line 1, column 59: unexpected ')' — expected WITHIN, SUBSET, DEFINE")]
    [InlineData("SELECT * FROM t AS x MATCH_RECOGNIZE (ORDER BY ts PATTERN (A) DEFINE A AS TRUE)",
        "line 1, column 20: the input of MATCH_RECOGNIZE cannot have an alias; write the alias after the MATCH_RECOGNIZE (...) clause")]
    [InlineData("SELECT * FROM (SELECT * FROM t) AS x MATCH_RECOGNIZE (ORDER BY ts PATTERN (A) DEFINE A AS TRUE)",
        "line 1, column 36: the input of MATCH_RECOGNIZE cannot have an alias; write the alias after the MATCH_RECOGNIZE (...) clause")]
    public void UnsupportedOrInvalid_FailsAtThePosition(string sql, string message)
    {
        var error = Fails(sql, message);
        PositionIsValid(error, sql);
    }

    [Fact]
    public void PatternOperators_OutsidePatternStayErrors()
    {
        // '?' is still a dynamic parameter outside a PATTERN (...).
        Fails("SELECT a FROM t WHERE a = ?", "line 1, column 27: dynamic parameters ('?') are not supported");
    }

    private static string Sql(string clauses) => $"SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts {clauses} DEFINE A AS TRUE)";

    private static MatchRecognizeReference Parse(string clauses) => Assert.IsType<MatchRecognizeReference>(Select(Sql(clauses)).From);
}
