using Sluice.Allocation.Tests.Scenarios;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The DataStream API on a value-type record: map, filter and a keyed rolling reduce allocate nothing per element,
/// only the output batch's shell (its arrays are pooled); a tumbling window allocates only for the state of the
/// windows it opens (a timer and a state entry per key and window), not per element.
/// </summary>
public sealed class DataStreamAllocationTests(ITestOutputHelper output)
{
    /// <summary>The output <c>ElementBatch</c> objects (40 bytes each; a collector emits one per 1024 elements), with room to spare.</summary>
    private const long BatchShell = 256;

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void MapAllocatesOnlyTheOutputBatch(int rows)
    {
        using var scenario = DataStreamScenarios.Map(rows);
        BudgetAssert.AtMost(scenario, BatchShell, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void FilterAllocatesOnlyTheOutputBatch(int rows)
    {
        using var scenario = DataStreamScenarios.Filter(rows);
        BudgetAssert.AtMost(scenario, BatchShell, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void FlatMapThroughTheCollectorAllocatesOnlyTheOutputBatches(int rows)
    {
        // About as many elements out as in: the collector emits a batch object per 1024 of them.
        using var scenario = DataStreamScenarios.FlatMap(rows);
        BudgetAssert.AtMost(scenario, BatchShell * rows / 1024, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void KeyedReduceAllocatesOnlyTheOutputBatch(int rows)
    {
        using var scenario = DataStreamScenarios.KeyByReduce(rows);
        BudgetAssert.AtMost(scenario, BatchShell, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void TumblingWindowAllocatesPerWindowNotPerElement(int rows)
    {
        using var scenario = DataStreamScenarios.TumblingWindowReduce(rows);

        // 1000 keys, one event per millisecond, 10 s windows: each batch opens keys * rows / 10 000 windows.
        var windowsPerBatch = 1000 * rows / 10_000;
        BudgetAssert.AtMost(scenario, (128 * windowsPerBatch) + BatchShell, output);
    }

    [Fact]
    public void KeyByHashingAllocatesNothing()
    {
        var selector = DataStreamScenarios.KeyBySelector();
        var hashes = new int[1024];
        using var batch = DataStreamScenarios.Batch(0, 1024);
        for (var i = 0; i < 10; i++)
        {
            selector.ComputeKeyHashes(batch, hashes);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            selector.ComputeKeyHashes(batch, hashes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000, hashes.Distinct().Count());
    }
}
