using Sluice.Core.Messages;

namespace Sluice.Core.Time;

/// <summary>
/// Emits <c>max event time seen - out-of-orderness - 1</c>: events may arrive up to the bound late.
/// With a bound of zero this is the monotonous generator (timestamps ascending).
/// </summary>
public sealed class BoundedOutOfOrdernessWatermarks : IWatermarkGenerator
{
    private readonly long _outOfOrdernessMillis;
    private long _maxTimestamp;

    /// <summary>Creates a generator allowing events to be <paramref name="outOfOrderness"/> late.</summary>
    public BoundedOutOfOrdernessWatermarks(TimeSpan outOfOrderness)
    {
        if (outOfOrderness < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(outOfOrderness), "The out-of-orderness bound cannot be negative.");
        }

        _outOfOrdernessMillis = (long)outOfOrderness.TotalMilliseconds;
        _maxTimestamp = long.MinValue + _outOfOrdernessMillis + 1;
    }

    /// <inheritdoc />
    public void OnBatch(ReadOnlySpan<long> timestamps, IWatermarkOutput output)
    {
        var max = _maxTimestamp;
        foreach (var t in timestamps)
        {
            if (t > max)
            {
                max = t;
            }
        }

        _maxTimestamp = max;
    }

    /// <inheritdoc />
    public void OnPeriodicEmit(IWatermarkOutput output) =>
        output.EmitWatermark(new Watermark(_maxTimestamp - _outOfOrdernessMillis - 1));
}
