namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// A constant's broadcast vector is kept and handed out again while frames keep its length: the values equal a freshly
/// compiled expression's on every batch, whatever sizes follow each other, and disposing one result leaves the next intact.
/// </summary>
public sealed class LiteralBroadcastTests
{
    [Theory]
    [InlineData("'zürich'")]
    [InlineData("CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN '' ELSE s END")]
    [InlineData("COALESCE(s, 'none')")]
    [InlineData("CAST(NULL AS STRING)")]
    public void ReusedBroadcast_EqualsAFreshCompilation_AcrossBatchSizes(string expression)
    {
        var reused = SqlExpressions.Compile(expression);
        int[] sizes = [200, 200, 50, 200, 1, 1, 200];
        for (var k = 0; k < sizes.Length; k++)
        {
            using var batch = RandomBatches.Create(k, rows: sizes[k]);
            var first = reused.Evaluate(batch);
            using var second = reused.Evaluate(batch);
            using var fresh = SqlExpressions.Compile(expression).Evaluate(batch);
            first.Dispose();
            Assert.Equal(sizes[k], second.Length);
            for (var row = 0; row < sizes[k]; row++)
            {
                Assert.Equal(fresh.GetValue(row), second.GetValue(row));
            }
        }
    }
}
