using Sluice.Core.Errors;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Sort;

/// <summary>
/// <c>ORDER BY ... LIMIT</c> over an updating result, as Flink's streaming sort-limit: a Top-N without partition whose
/// changelog ends in the first rows of the final result.
/// </summary>
public sealed class SortLimitQueryTests
{
    // Counts: x 3, y 2, z 1, w 1.
    private const string Names = "(VALUES ('x'), ('y'), ('x'), ('z'), ('x'), ('y'), ('w')) AS t(name)";

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task OrderByACount_WithLimit_EndsWithTheTopRows(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(
            $"SELECT name, COUNT(*) AS c FROM {Names} GROUP BY name ORDER BY c DESC, name LIMIT 2;", parallelism: parallelism);

        Assert.Equal(["[x, 3]", "[y, 2]"], result.Final);
    }

    [Fact]
    public async Task Offset_SkipsTheFirstRows_AndNullsSortAsOrdered()
    {
        var result = await SqlScriptRunner.RunAsync(
            $"SELECT name, COUNT(*) AS c FROM {Names} GROUP BY name ORDER BY c ASC, name DESC LIMIT 2 OFFSET 1;");

        // Ascending counts: z 1, w 1 (names descending), y 2, x 3; rows 2 and 3 are w and y.
        Assert.Equal(["[w, 1]", "[y, 2]"], result.Final);
    }

    [Theory]
    [InlineData("SELECT name, COUNT(*) AS c FROM " + Names + " GROUP BY name ORDER BY c", "needs a LIMIT")]
    public async Task WithoutLimit_AnOrderedUpdatingResult_IsRejected(string query, string message)
    {
        var error = await Assert.ThrowsAnyAsync<SluiceException>(() => SqlScriptRunner.RunAsync(query + ";"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
