using Sluice.Core.Messages;
using Sluice.Runtime.Checkpointing;

namespace Sluice.Runtime.Tasks;

/// <summary>How a task reports to its job attempt (checkpoint coordinator and failover). Called from task threads.</summary>
internal interface ITaskListener
{
    /// <summary>The task captured its state for <paramref name="barrier"/>; the listener writes it out asynchronously and acknowledges.</summary>
    void SnapshotTaken(StreamTask task, CheckpointBarrier barrier, IReadOnlyList<OperatorCapture> captures, TimeSpan alignment);

    /// <summary>The task opened its operators (state restored) and starts processing.</summary>
    void TaskOpened(StreamTask task);

    /// <summary>The task consumed all its input and emitted end of input; it now waits for the final checkpoint.</summary>
    void TaskFinished(StreamTask task);

    /// <summary>The task failed.</summary>
    void TaskFailed(StreamTask task, Exception failure);

    /// <summary>The task's alignment for a checkpoint was abandoned (a newer barrier overtook it).</summary>
    void CheckpointAbandoned(StreamTask task, long checkpointId);
}
