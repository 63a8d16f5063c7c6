namespace Sluice.DataStream.Broadcasting;

/// <summary>A broadcast state copied into operator state at a checkpoint.</summary>
internal interface IBroadcastStateSnapshot
{
    /// <summary>Copies the entries into the checkpointed list (subtask 0 only; the others write none).</summary>
    void Snapshot(int subtaskIndex);
}
