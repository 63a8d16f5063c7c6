using Sluice.Core.Batches;
using Sluice.Core.Messages;

namespace Sluice.Runtime.Operators;

/// <summary>
/// The base of every operator: one required method, <see cref="ProcessBatch(IBatch, IOutput)"/>; every hook
/// has a no-op default.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> All methods, timer callbacks included, are called on the owning task's thread and never
/// concurrently, so operators and their state need no locks.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> (state declared through the context is restored there) →
/// (<see cref="ProcessBatch(IBatch, IOutput)"/> | <see cref="ProcessWatermark"/> | timers |
/// <see cref="PrepareSnapshotPreBarrier"/> <see cref="SnapshotState"/> | <see cref="NotifyCheckpointComplete"/>)* →
/// [<see cref="Finish"/> at end of input] → <see cref="Close"/>. After a failure only <see cref="Close"/> is called.</para>
/// <para><b>Ownership.</b> <see cref="ProcessBatch(IBatch, IOutput)"/> receives ownership of the batch: the operator
/// either hands it on with <see cref="IOutput.Collect"/> or disposes it.</para>
/// </remarks>
public abstract class StreamOperator
{
    private OperatorContext? _context;

    /// <summary>The context given to <see cref="Open"/>.</summary>
    protected OperatorContext Context => _context ?? throw new InvalidOperationException("The operator is not open.");

    /// <summary>Opens the operator. Declare state here: it is restored when declared. Call the base first.</summary>
    public virtual void Open(OperatorContext context) => _context = context;

    /// <summary>Processes one batch of a one-input operator; takes ownership of it.</summary>
    public abstract void ProcessBatch(IBatch batch, IOutput output);

    /// <summary>Processes one batch arriving on input <paramref name="input"/> (0 or 1 for two-input operators).</summary>
    public virtual void ProcessBatch(int input, IBatch batch, IOutput output) => ProcessBatch(batch, output);

    /// <summary>
    /// The operator's watermark advanced (due event-time timers have already fired). The default forwards it;
    /// an operator may hold it back or emit another.
    /// </summary>
    public virtual void ProcessWatermark(Watermark watermark, IOutput output) => output.EmitWatermark(watermark);

    /// <summary>Called before the barrier is forwarded: emit what must precede it (e.g. flush a mini-batch).</summary>
    public virtual void PrepareSnapshotPreBarrier(long checkpointId, IOutput output)
    {
    }

    /// <summary>
    /// Synchronous part of a checkpoint: copy anything not already in declared state into it. Keyed and operator
    /// state declared through the context are captured by the runtime right after this call.
    /// </summary>
    public virtual void SnapshotState(long checkpointId)
    {
    }

    /// <summary>Checkpoint <paramref name="checkpointId"/> completed on every task (commit external transactions here).</summary>
    public virtual void NotifyCheckpointComplete(long checkpointId)
    {
    }

    /// <summary>End of input: emit final results (e.g. remaining windows were fired by the maximum watermark).</summary>
    public virtual void Finish(IOutput output)
    {
    }

    /// <summary>
    /// Whether the operator's state must stay in checkpoints taken after it finished. By default a finished operator
    /// (end of input processed, everything emitted) writes a finished marker instead of its state once every subtask of
    /// it finished, and is finished on restore (FLIP-147). Sinks return true: their pending committables must still be
    /// committed after a restore, so they snapshot as before and run again on restore.
    /// </summary>
    public virtual bool KeepsStateWhenFinished => false;

    /// <summary>Releases resources; called after end of input, cancellation or failure.</summary>
    public virtual void Close()
    {
    }
}
