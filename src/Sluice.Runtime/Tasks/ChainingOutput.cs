using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Runtime.Operators;

namespace Sluice.Runtime.Tasks;

/// <summary>The output of an operator that is chained to the next one: a direct call, no channel.</summary>
internal sealed class ChainingOutput(ChainNode owner, ChainNode next) : IOutput
{
    public void Collect(IBatch batch)
    {
        owner.RecordsOut += batch.RowCount;
        owner.BytesOut += batch.SizeInBytes;
        next.HandleBatch(0, batch);
    }

    public void EmitWatermark(Watermark watermark)
    {
        owner.OnWatermarkEmitted(watermark.Timestamp);
        next.HandleWatermark(watermark.Timestamp);
    }
}
