using Sluice.Core.Batches;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Testing;
using Sluice.Testing.Sinks;

namespace Sluice.Runtime.Tests.Operators;

public class SinkOperatorTests
{
    [Fact]
    public void ProcessBatch_BeforeCheckpointCompletes_CommitsNothing()
    {
        var store = new CollectStore<int>();
        using var harness = SinkHarness(store);

        harness.ProcessBatch(Batch(1, 2, 3));
        Assert.Equal(0, store.CommittedCount);
        Assert.Equal(0, store.StagedCount);

        harness.Snapshot(checkpointId: 1);

        Assert.Equal(0, store.CommittedCount);
        Assert.Equal(1, store.StagedCount);
    }

    [Fact]
    public void NotifyCheckpointComplete_AfterSnapshot_CommitsWhatWasWrittenBeforeTheBarrier()
    {
        var store = new CollectStore<int>();
        using var harness = SinkHarness(store);
        harness.ProcessBatch(Batch(1, 2, 3));
        harness.Snapshot(checkpointId: 1);
        harness.ProcessBatch(Batch(4));

        harness.NotifyCheckpointComplete(1);

        Assert.Equal([1, 2, 3], store.Committed);
        Assert.Equal(0, store.StagedCount);
    }

    [Fact]
    public void NotifyCheckpointComplete_OlderCheckpoint_CommitsOnlyUpToIt()
    {
        var store = new CollectStore<int>();
        using var harness = SinkHarness(store);
        harness.ProcessBatch(Batch(1, 2));
        harness.Snapshot(checkpointId: 1);
        harness.ProcessBatch(Batch(3));
        harness.Snapshot(checkpointId: 2);

        harness.NotifyCheckpointComplete(1);
        Assert.Equal([1, 2], store.Committed);
        Assert.Equal(1, store.StagedCount);

        harness.NotifyCheckpointComplete(2);
        Assert.Equal([1, 2, 3], store.Committed);
        Assert.Equal(0, store.StagedCount);
    }

    [Fact]
    public void NotifyCheckpointComplete_NewerCheckpointWhenEarlierNotificationWasMissed_CommitsBoth()
    {
        var store = new CollectStore<int>();
        using var harness = SinkHarness(store);
        harness.ProcessBatch(Batch(1));
        harness.Snapshot(checkpointId: 1);
        harness.ProcessBatch(Batch(2));
        harness.Snapshot(checkpointId: 2);

        harness.NotifyCheckpointComplete(2);

        Assert.Equal([1, 2], store.Committed);
        Assert.Equal(0, store.StagedCount);
    }

    [Fact]
    public void Open_RestoredFromSnapshotNotYetCommitted_CommitsTheRestoredCommittables()
    {
        var store = new CollectStore<int>();
        OperatorSnapshot snapshot;
        using (var first = SinkHarness(store))
        {
            first.ProcessBatch(Batch(1, 2, 3));
            snapshot = first.Snapshot(checkpointId: 1);
            // The job fails before the completion notification reaches the sink.
        }

        Assert.Equal(0, store.CommittedCount);
        using var restored = SinkHarness(store, restoreFrom: [snapshot], attemptNumber: 1);

        Assert.Equal([1, 2, 3], store.Committed);
        Assert.Equal(0, store.StagedCount);
    }

    [Fact]
    public void Open_RestoredFromSnapshotAlreadyCommitted_CommitsExactlyOnce()
    {
        var store = new CollectStore<int>();
        OperatorSnapshot snapshot;
        using (var first = SinkHarness(store))
        {
            first.ProcessBatch(Batch(1, 2, 3));
            snapshot = first.Snapshot(checkpointId: 1);
            first.NotifyCheckpointComplete(1);
            Assert.Equal([1, 2, 3], store.Committed);
        }

        using (SinkHarness(store, restoreFrom: [snapshot], attemptNumber: 1))
        {
        }

        using (SinkHarness(store, restoreFrom: [snapshot], attemptNumber: 2))
        {
        }

        Assert.Equal([1, 2, 3], store.Committed);
    }

    [Fact]
    public void Open_Restored_AbortsLeftoversOfOtherAttempts()
    {
        var store = new CollectStore<int>();
        OperatorSnapshot completed;
        using (var first = SinkHarness(store))
        {
            first.ProcessBatch(Batch(1, 2));
            completed = first.Snapshot(checkpointId: 1);
            first.NotifyCheckpointComplete(1);
            first.ProcessBatch(Batch(3, 4));
            first.Snapshot(checkpointId: 2); // pre-committed, but checkpoint 2 never completes
        }

        Assert.Equal(1, store.StagedCount);
        using var restored = SinkHarness(store, restoreFrom: [completed], attemptNumber: 1);

        Assert.Equal(0, store.StagedCount);
        Assert.Equal([1, 2], store.Committed);
    }

    [Fact]
    public void Open_RestoredThenContinues_NewOutputCommitsOnItsOwnCheckpoint()
    {
        var store = new CollectStore<int>();
        OperatorSnapshot snapshot;
        using (var first = SinkHarness(store))
        {
            first.ProcessBatch(Batch(1));
            snapshot = first.Snapshot(checkpointId: 1);
            first.ProcessBatch(Batch(2)); // lost with the failure: the source replays it
        }

        using var restored = SinkHarness(store, restoreFrom: [snapshot], attemptNumber: 1);
        restored.ProcessBatch(Batch(2, 3));
        restored.Snapshot(checkpointId: 2);
        Assert.Equal([1], store.Committed);

        restored.NotifyCheckpointComplete(2);

        Assert.Equal([1, 2, 3], store.Committed);
    }

    [Fact]
    public void Snapshot_PendingCommittablesFromEarlierCheckpoint_AreKeptInTheNextSnapshot()
    {
        var store = new CollectStore<int>();
        OperatorSnapshot second;
        using (var first = SinkHarness(store))
        {
            first.ProcessBatch(Batch(1));
            first.Snapshot(checkpointId: 1);
            first.ProcessBatch(Batch(2));
            second = first.Snapshot(checkpointId: 2);
            // Neither notification arrives; checkpoint 2 completed nonetheless.
        }

        using var restored = SinkHarness(store, restoreFrom: [second], attemptNumber: 1);

        Assert.Equal([1, 2], store.Committed.Order());
    }

    private static OperatorHarness SinkHarness(CollectStore<int> store, IReadOnlyList<OperatorSnapshot>? restoreFrom = null,
        int attemptNumber = 0) =>
        new OperatorHarness(new SinkOperator<string>(new CollectSink<int>(store)), restoreFrom: restoreFrom, attemptNumber: attemptNumber)
            .Open();

    private static ElementBatch<int> Batch(params int[] values)
    {
        var batch = new ElementBatch<int>(values.Length);
        foreach (var v in values)
        {
            batch.Add(v);
        }

        return batch;
    }
}
