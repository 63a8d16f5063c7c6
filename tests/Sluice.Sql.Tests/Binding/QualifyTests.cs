using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary><c>QUALIFY</c> (Flink 2's syntax on the Top-N and deduplication pages): the same plan as the subquery form.</summary>
public class QualifyTests
{
    [Theory]
    [InlineData(
        "SELECT i, s FROM T QUALIFY ROW_NUMBER() OVER (PARTITION BY s ORDER BY pt ASC) = 1",
        "SELECT i, s FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY s ORDER BY pt ASC) AS rn FROM T) WHERE rn = 1",
        "Deduplicate")]
    [InlineData(
        "SELECT s, bi, ROW_NUMBER() OVER (PARTITION BY s ORDER BY bi DESC) AS rownum FROM T QUALIFY rownum <= 5",
        "SELECT * FROM (SELECT s, bi, ROW_NUMBER() OVER (PARTITION BY s ORDER BY bi DESC) AS rownum FROM T) WHERE rownum <= 5",
        "Rank")]
    public void Qualify_PlansAsTheSubqueryForm(string qualify, string subquery, string node)
    {
        var plan = Plan(qualify);

        Assert.Equal(Plan(subquery).Explain(), plan.Explain());
        Assert.Contains(node + "(", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Qualify_FormatsAndParsesBack()
    {
        var sql = "SELECT a FROM t QUALIFY ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts) = 1";

        Assert.Equal(sql, SqlFormatter.Format(SqlParser.ParseQuery(sql)));
    }

    [Fact]
    public void Qualify_IsNotATableAlias()
    {
        var select = Assert.IsType<Sluice.Sql.Ast.SelectQuery>(SqlParser.ParseQuery("SELECT * FROM t QUALIFY x = 1"));

        Assert.NotNull(select.Qualify);
        Assert.Null(Assert.IsType<Sluice.Sql.Ast.NamedTableReference>(select.From).Alias);
    }
}
