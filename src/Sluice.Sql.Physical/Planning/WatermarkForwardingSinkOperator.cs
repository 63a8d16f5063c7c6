using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sinks;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// The sink operator of a sink whose writers want the watermark (<see cref="IWatermarkAwareSinkWriter"/>, e.g. a
/// partitioned filesystem sink committing by partition time): a <see cref="SinkOperator{TCommittable}"/> that also
/// tells its subtask's writer each watermark. Everything else is the inner operator's.
/// </summary>
/// <typeparam name="TCommittable">The sink's committable type.</typeparam>
internal sealed class WatermarkForwardingSinkOperator<TCommittable> : StreamOperator
{
    private readonly WriterCapture _capture;
    private readonly SinkOperator<TCommittable> _inner;

    public WatermarkForwardingSinkOperator(ISink<TCommittable> sink)
    {
        _capture = new WriterCapture(sink);
        _inner = new SinkOperator<TCommittable>(_capture);
    }

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _inner.Open(context);
    }

    public override void ProcessBatch(IBatch batch, IOutput output) => _inner.ProcessBatch(batch, output);

    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        (_capture.Writer as IWatermarkAwareSinkWriter)?.OnWatermark(watermark.Timestamp);
        _inner.ProcessWatermark(watermark, output);
    }

    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => _inner.PrepareSnapshotPreBarrier(checkpointId, output);

    public override void SnapshotState(long checkpointId) => _inner.SnapshotState(checkpointId);

    public override void NotifyCheckpointComplete(long checkpointId) => _inner.NotifyCheckpointComplete(checkpointId);

    public override void Finish(IOutput output) => _inner.Finish(output);

    public override bool KeepsStateWhenFinished => _inner.KeepsStateWhenFinished;

    public override void Close() => _inner.Close();

    /// <summary>The sink, remembering the writer it created for this subtask.</summary>
    private sealed class WriterCapture(ISink<TCommittable> sink) : ISink<TCommittable>
    {
        public ISinkWriter<TCommittable>? Writer { get; private set; }

        public ITypeSerializer<TCommittable> CommittableSerializer => sink.CommittableSerializer;

        public ISinkWriter<TCommittable> CreateWriter(SinkContext context) => Writer = sink.CreateWriter(context);

        public ISinkCommitter<TCommittable> CreateCommitter(SinkContext context) => sink.CreateCommitter(context);
    }
}
