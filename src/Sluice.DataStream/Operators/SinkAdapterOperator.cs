using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Puts a runtime operator (e.g. the two-phase-commit <c>SinkOperator</c>) behind a DataStream edge: side-output batches
/// meant for other consumers are dropped, everything else is delegated.
/// </summary>
internal sealed class SinkAdapterOperator(StreamOperator inner) : StreamOperator
{
    public StreamOperator Inner => inner;

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        inner.Open(context);
    }

    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (batch is SideOutputBatch)
        {
            batch.Dispose();
            return;
        }

        inner.ProcessBatch(batch, output);
    }

    public override void ProcessWatermark(Watermark watermark, IOutput output) => inner.ProcessWatermark(watermark, output);

    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => inner.PrepareSnapshotPreBarrier(checkpointId, output);

    public override void SnapshotState(long checkpointId) => inner.SnapshotState(checkpointId);

    public override void NotifyCheckpointComplete(long checkpointId) => inner.NotifyCheckpointComplete(checkpointId);

    public override void Finish(IOutput output) => inner.Finish(output);

    public override bool KeepsStateWhenFinished => inner.KeepsStateWhenFinished;

    public override void Close() => inner.Close();
}
