using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Tests.Binding;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Planning;

/// <summary>
/// Flink 2's <c>SHOW ... [NOT] LIKE | ILIKE</c>: ILIKE (case-insensitive) for catalogs, databases and functions only;
/// MySQL-style escapes; user function names listed in lower case.
/// </summary>
public class ShowPatternTests
{
    private static List<string> Names(InMemoryCatalog catalog, string sql) =>
        [.. Planner.Execute(SqlParser.ParseStatement(sql), catalog).Rows.Select(r => (string)r[0]!)];

    private static InMemoryCatalog Catalog()
    {
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, "CREATE DATABASE Sales; CREATE DATABASE sales_Archive; CREATE TABLE T_1 (a INT) WITH ('connector' = 'x'); CREATE TABLE TX1 (a INT) WITH ('connector' = 'x');");
        return catalog;
    }

    [Fact]
    public void Ilike_ignores_case_and_like_does_not()
    {
        var catalog = Catalog();
        Assert.Equal(["Sales", "sales_Archive"], Names(catalog, "SHOW DATABASES ILIKE 'SALES%'"));
        Assert.Equal(["sales_Archive"], Names(catalog, "SHOW DATABASES LIKE 'sales%'"));
        Assert.Equal(["default_database"], Names(catalog, "SHOW DATABASES NOT ILIKE 's%'"));
        Assert.Equal(["default_catalog"], Names(catalog, "SHOW CATALOGS ILIKE 'DEFAULT_%'"));
        Assert.Equal(["split_words"], Names(catalog, "SHOW USER FUNCTIONS ILIKE 'SPLIT%'"));
        Assert.Contains("UPPER", Names(catalog, "SHOW FUNCTIONS ILIKE 'upp%'"));
        Assert.DoesNotContain("UPPER", Names(catalog, "SHOW FUNCTIONS NOT ILIKE 'upp%'"));
    }

    [Fact]
    public void Escaped_wildcards_match_themselves()
    {
        var catalog = Catalog();
        Assert.Equal(["T_1"], Names(catalog, "SHOW TABLES LIKE 'T\\_1'"));
        Assert.Equal(["TX1", "T_1"], Names(catalog, "SHOW TABLES LIKE 'T_1'"));
    }

    [Theory]
    [InlineData("SHOW TABLES ILIKE 't%'", "line 1, column 13: SHOW TABLES takes [NOT] LIKE, not ILIKE (as Flink, only SHOW CATALOGS, DATABASES and [USER] FUNCTIONS take ILIKE)")]
    [InlineData("SHOW VIEWS NOT ILIKE 't%'", "line 1, column 16: SHOW VIEWS takes [NOT] LIKE, not ILIKE (as Flink, only SHOW CATALOGS, DATABASES and [USER] FUNCTIONS take ILIKE)")]
    [InlineData("SHOW COLUMNS FROM t ILIKE 'a%'", "line 1, column 21: SHOW COLUMNS takes [NOT] LIKE, not ILIKE (as Flink, only SHOW CATALOGS, DATABASES and [USER] FUNCTIONS take ILIKE)")]
    public void Ilike_where_Flink_has_none_is_an_error(string sql, string message) => Fails(sql, message);

    [Fact]
    public void Ilike_round_trips_through_the_formatter()
    {
        var show = Statement<ShowStatement>("show user functions in db not ilike 'a%'");
        Assert.True(show.IsILike);
        Assert.True(show.IsNotLike);
        Assert.Equal("SHOW USER FUNCTIONS FROM db NOT ILIKE 'a%'", SqlFormatter.Format(show));
    }
}
