using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Xunit;

namespace Sluice.Core.Tests.Batches;

public class BufferLeakTrackerTests
{
    private static readonly Schema Wide = Schema.Of(
        DataTypes.Field("i", DataTypes.Int()),
        DataTypes.Field("s", DataTypes.String()),
        DataTypes.Field("b", DataTypes.Boolean()),
        DataTypes.Field("a", DataTypes.Array(DataTypes.String())),
        DataTypes.Field("m", DataTypes.Map(DataTypes.String(), DataTypes.Int())),
        DataTypes.Field("r", DataTypes.Row(DataTypes.Field("x", DataTypes.Decimal(30, 2)))));

    [Fact]
    public void BuildGatherSerializeDispose_AllBuffersReturned_ZeroOutstanding()
    {
        using var tracker = BufferLeakTracker.Start();
        using (var builder = new RecordBatchBuilder(Wide, capacity: 2))
        {
            for (var i = 0; i < 100; i++)
            {
                builder.AppendRow(
                    i % 5 == 0 ? RowKind.Delete : RowKind.Insert,
                    i % 3 == 0 ? null : i,
                    $"s{i}",
                    i % 2 == 0,
                    new object?[] { "x", null },
                    new Dictionary<string, int> { ["k"] = i },
                    new object?[] { (decimal)i / 4 });
            }

            using var batch = builder.Build();
            using var gathered = batch.Gather([99, 0, 50, 50]);
            using var writer = new BinaryBufferWriter();
            var marked = batch.Gather([1, 2, 3, 4, 5]).WithSelection([0, 4]);
            RecordBatchSerializer.Write(marked, writer);
            marked.Compact().Dispose();
            using var read = RecordBatchSerializer.Read(writer.WrittenMemory, Wide);
            Assert.Equal(2, read.RowCount);
            Assert.True(tracker.Rented > 0);
        }

        Assert.Equal(0, tracker.Outstanding);
        Assert.Equal(tracker.Rented, tracker.Returned);
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Outstanding_BatchNotDisposed_IsReportedUntilDisposed()
    {
        using var tracker = BufferLeakTracker.Start();
        using var builder = new RecordBatchBuilder(Wide);
        builder.AppendRow(1, "a", true, null, null, null);
        var batch = builder.Build();
        Assert.True(tracker.Outstanding > 0);
        var error = Assert.Throws<InvalidOperationException>(tracker.AssertNoLeaks);
        Assert.Contains("not returned", error.Message, StringComparison.Ordinal);
        batch.Dispose();
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void UnmatchedReturns_ArrayRentedBeforeStart_IsCounted()
    {
        var array = BufferPool.Rent<long>(10);
        using var tracker = BufferLeakTracker.Start();
        BufferPool.Return(array);
        Assert.Equal(1, tracker.UnmatchedReturns);
        Assert.Throws<InvalidOperationException>(tracker.AssertNoLeaks);
    }

    [Fact]
    public void Start_Nested_InnerEventsCountInOuter()
    {
        using var outer = BufferLeakTracker.Start();
        int[] array;
        using (var inner = BufferLeakTracker.Start())
        {
            array = BufferPool.Rent<int>(4);
            Assert.Equal(1, inner.Outstanding);
        }

        Assert.Equal(1, outer.Outstanding);
        BufferPool.Return(array);
        outer.AssertNoLeaks();
    }

    [Fact]
    public async Task Start_TaskStartedInScope_IsTracked()
    {
        using var tracker = BufferLeakTracker.Start();
        var array = await Task.Run(() => BufferPool.Rent<byte>(100));
        Assert.Equal(1, tracker.Outstanding);
        BufferPool.Return(array);
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Rent_InFlowWithoutTracker_IsNotCounted()
    {
        using var tracker = BufferLeakTracker.Start();
        var thread = new Thread(() => BufferPool.Return(BufferPool.Rent<byte>(64)));
        thread.UnsafeStart();
        thread.Join();

        Assert.Equal(0, tracker.Rented);
        Assert.Equal(0, tracker.Returned);
    }
}
