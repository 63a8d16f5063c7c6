namespace Sluice.Core.Time;

/// <summary>
/// Generates watermarks from the event times a source split produces. One instance per split; called on the
/// source task's thread only.
/// </summary>
public interface IWatermarkGenerator
{
    /// <summary>Observes the event times of one batch (called for every batch, before it is emitted).</summary>
    void OnBatch(ReadOnlySpan<long> timestamps, IWatermarkOutput output);

    /// <summary>Called periodically (the auto-watermark interval) to emit a watermark.</summary>
    void OnPeriodicEmit(IWatermarkOutput output);
}
