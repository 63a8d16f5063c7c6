using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Over;
using Sluice.State.Keyed;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Over;

/// <summary>The cleanup timers of OVER aggregation state under <c>table.exec.state.ttl</c>.</summary>
public sealed class OverStateCleanupTests
{
    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("v", DataTypes.BigInt()),
    ], rowTimeIndex: 1);

    private static readonly AggregateCall[] Calls = [new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt")];

    private static OverAggregateOperator NewOperator() =>
        new(Input, [0], 1, OverFrame.Range(TimeSpan.FromMilliseconds(5)), Calls, stateTtl: new StateTtlConfig(TimeSpan.FromMinutes(1)));

    [Fact]
    public void IdlePartition_IsRemovedOneTimeToLiveAfterItsLastRow_AndEachRowPostponesIt()
    {
        var op = NewOperator();
        using var harness = new OperatorHarness(op, timeProvider: new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L), R("+I", "b", Ms(1), 1L)));
        harness.ProcessWatermark(1);
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(30));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(2), 2L)));
        harness.ProcessWatermark(2);

        // b was idle for a minute; a's row at 30 s moved its cleanup to 90 s.
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(31));
        Assert.Equal(1, op.PartitionsCleaned);
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(30));
        Assert.Equal(2, op.PartitionsCleaned);
    }

    [Fact]
    public void RowsWaitingForTheWatermark_PostponeTheCleanup()
    {
        var op = NewOperator();
        using var harness = new OperatorHarness(op, timeProvider: new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L)));
        harness.ProcessWatermark(1);
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(3), 3L)));
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(61));
        Assert.Equal(0, op.PartitionsCleaned);

        // The buffered row was kept, and is processed when the watermark passes it.
        harness.ProcessWatermark(3);
        Assert.Equal(["+I[a, 1, 1, 1]"], Rows(harness).Take(1));
        Assert.Contains(Rows(harness), r => r.StartsWith("+I[a, 3, 3, ", StringComparison.Ordinal));
    }

    [Fact]
    public void CleanupTimer_SurvivesASnapshotAndRestore()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(NewOperator(), timeProvider: clock))
        {
            harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L)));
            harness.ProcessWatermark(1);
            snapshot = harness.Snapshot(1);
        }

        var restored = NewOperator();
        using var after = new OperatorHarness(restored, timeProvider: clock, restoreFrom: [snapshot]);
        after.Open();
        after.AdvanceProcessingTime(TimeSpan.FromSeconds(59));
        Assert.Equal(0, restored.PartitionsCleaned);
        after.AdvanceProcessingTime(TimeSpan.FromSeconds(2));
        Assert.Equal(1, restored.PartitionsCleaned);
    }
}
