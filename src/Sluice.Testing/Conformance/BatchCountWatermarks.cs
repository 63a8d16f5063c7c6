using Sluice.Core.Messages;
using Sluice.Core.Time;

namespace Sluice.Testing.Conformance;

/// <summary>A watermark generator whose watermark is the number of batches its split emitted (no event time needed).</summary>
internal sealed class BatchCountWatermarks : IWatermarkGenerator
{
    private long _batches;

    public void OnBatch(ReadOnlySpan<long> timestamps, IWatermarkOutput output) => _batches++;

    public void OnPeriodicEmit(IWatermarkOutput output)
    {
        if (_batches > 0)
        {
            output.EmitWatermark(new Watermark(_batches));
        }
    }
}
