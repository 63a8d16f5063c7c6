using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Numeric, decimal, comparison and temporal kernels do not allocate per row (buffers come from the pool). Not run in
/// parallel with other tests, which share the pool; the smallest of a few measurements is taken, so a transient pool
/// miss does not count.
/// </summary>
[Collection(nameof(AllocationTests))]
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationTests
{
    [Theory]
    [InlineData("a + b * 2")]
    [InlineData("d / 3 + SQRT(d)")]
    [InlineData("e * f + e")]
    [InlineData("CAST(e AS DOUBLE) > d")]
    [InlineData("a IN (1, 2, 3) AND s IN ('a', 'ab')")]
    [InlineData("EXTRACT(MONTH FROM h) + TIMESTAMPDIFF(DAY, h, CAST(g AS TIMESTAMP(3)))")]
    [InlineData("CASE WHEN a > 0 THEN c ELSE -c END")]
    [InlineData("ROUND(d, 1)")]
    public void EvaluationAllocatesLessThanAByteAPerRow(string expression)
    {
        const int Rows = 8192;
        var compiled = Compile(expression);
        using var batch = RandomBatches.Create(5, Rows);
        for (var warmup = 0; warmup < 3; warmup++)
        {
            compiled.Evaluate(batch).Dispose();
        }

        var allocated = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            compiled.Evaluate(batch).Dispose();
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(allocated < Rows, $"{expression} allocated {allocated} bytes for {Rows} rows");
    }
}
