using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Partitioning;

namespace Sluice.Runtime.Tasks;

/// <summary>
/// The output of a task's last operator: writes to every outgoing edge's <see cref="RecordWriter"/>.
/// With several edges, each gets its own copy of a batch. Watermarks are forwarded only when they advance.
/// </summary>
internal sealed class TaskOutput : IOutput
{
    private readonly RecordWriter[] _writers;
    private readonly ChainNode _owner;
    private long _lastWatermark = long.MinValue;

    public TaskOutput(ChainNode owner, RecordWriter[] writers)
    {
        _owner = owner;
        _writers = writers;
    }

    public IReadOnlyList<RecordWriter> Writers => _writers;

    public long LastWatermark => _lastWatermark;

    public bool IsAvailable
    {
        get
        {
            foreach (var w in _writers)
            {
                if (!w.IsAvailable)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public void Collect(IBatch batch)
    {
        _owner.RecordsOut += batch.RowCount;
        _owner.BytesOut += batch.SizeInBytes;
        switch (_writers.Length)
        {
            case 0:
                batch.Dispose();
                return;
            case 1:
                _writers[0].Emit(batch);
                return;
        }

        for (var i = 1; i < _writers.Length; i++)
        {
            _writers[i].Emit(BatchCopies.Copy(batch));
        }

        _writers[0].Emit(batch);
    }

    public void EmitWatermark(Watermark watermark)
    {
        if (watermark.Timestamp <= _lastWatermark)
        {
            return;
        }

        _lastWatermark = watermark.Timestamp;
        _owner.OnWatermarkEmitted(watermark.Timestamp);
        Broadcast(StreamMessage.OfWatermark(watermark));
    }

    public void Broadcast(in StreamMessage message)
    {
        foreach (var w in _writers)
        {
            w.Broadcast(message);
        }
    }

    public long BackpressureTicks
    {
        get
        {
            long total = 0;
            foreach (var w in _writers)
            {
                total += w.BackpressureTicks;
            }

            return total;
        }
    }
}
