namespace Sluice.Runtime.Tasks;

/// <summary>
/// Combines the watermarks of a task's input channels: the task's watermark is the minimum over the active
/// channels; idle and ended channels are left out; when every channel is idle the task is idle and the highest
/// watermark any channel reached is flushed. Emits only increases. Task thread only.
/// </summary>
internal sealed class WatermarkValve
{
    private readonly long[] _watermarks;
    private readonly bool[] _idle;
    private readonly bool[] _ended;
    private long _current = long.MinValue;
    private int _endedCount;

    public WatermarkValve(int channels)
    {
        _watermarks = new long[channels];
        Array.Fill(_watermarks, long.MinValue);
        _idle = new bool[channels];
        _ended = new bool[channels];
    }

    /// <summary>The last watermark emitted.</summary>
    public long Current => _current;

    /// <summary>True when every channel that has not ended is idle.</summary>
    public bool IsIdle { get; private set; }

    /// <summary>A channel's watermark; returns the new task watermark if it advanced.</summary>
    public long? OnWatermark(int channel, long watermark)
    {
        if (watermark > _watermarks[channel])
        {
            _watermarks[channel] = watermark;
        }

        _idle[channel] = false;
        return Recompute();
    }

    /// <summary>A channel became idle or active; returns the new watermark if it advanced.</summary>
    public long? OnIdle(int channel, bool idle)
    {
        _idle[channel] = idle;
        return Recompute();
    }

    /// <summary>A channel ended (its last watermark was the maximum).</summary>
    public long? OnEnded(int channel)
    {
        if (!_ended[channel])
        {
            _ended[channel] = true;
            _endedCount++;
        }

        return Recompute();
    }

    private long? Recompute()
    {
        var min = long.MaxValue;
        var anyActive = false;
        for (var i = 0; i < _watermarks.Length; i++)
        {
            if (_ended[i] || _idle[i])
            {
                continue;
            }

            anyActive = true;
            if (_watermarks[i] < min)
            {
                min = _watermarks[i];
            }
        }

        var allEnded = _endedCount == _ended.Length;
        IsIdle = !anyActive && !allEnded;
        if (!anyActive)
        {
            // All idle: flush the highest watermark any channel reached; all ended: the maximum.
            min = long.MinValue;
            for (var i = 0; i < _watermarks.Length; i++)
            {
                if (allEnded || !_ended[i])
                {
                    min = Math.Max(min, allEnded ? long.MaxValue : _watermarks[i]);
                }
            }
        }

        if (min > _current)
        {
            _current = min;
            return min;
        }

        return null;
    }
}
