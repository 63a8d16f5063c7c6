using Sluice.Sql.Planning;

namespace Sluice.Sql.Tests.Planning;

/// <summary>The text of statement results as Flink's SQL client prints them (tableau).</summary>
public class StatementResultTextTests
{
    [Fact]
    public void ResultWithoutRows_IsEmptySet()
    {
        Assert.Equal("Empty set\n", StatementResult.OfStrings("table name", []).ToString());
    }

    [Fact]
    public void ResultWithRows_IsABoxedTableWithItsRowCount()
    {
        Assert.Equal(
            "+------------+\n| table name |\n+------------+\n|     orders |\n+------------+\n1 row in set\n",
            StatementResult.OfStrings("table name", ["orders"]).ToString());
    }
}
