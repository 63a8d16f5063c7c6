using Sluice.Core.Batches;
using Sluice.DataStream.Operators;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Functions;

/// <summary>
/// Where a function emits its results. Elements are appended to a pooled <see cref="ElementBatch{T}"/> and handed on
/// in batches; each carries the event time of the element or timer being processed (none in processing-time jobs).
/// </summary>
/// <remarks><b>Threading.</b> Owned by one operator subtask; use it only during the call that received it.</remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Collector<T> : IBufferedOutput
{
    private const int MaxBatchSize = 1024;
    private ElementBatch<T>? _batch;
    private IOutput? _output;

    internal Collector(string? sideOutputTag = null)
    {
        SideOutputTag = sideOutputTag;
    }

    /// <summary>The side output this collector emits into, or null for the main output.</summary>
    internal string? SideOutputTag { get; }

    /// <summary>The event time given to collected elements, or null when they carry none.</summary>
    internal long? CurrentTimestamp { get; set; }

    /// <summary>Emits <paramref name="value"/> with the current event time.</summary>
    public void Collect(T value)
    {
        if (CurrentTimestamp is { } ts)
        {
            CollectWithTimestamp(value, ts);
            return;
        }

        var batch = _batch;
        if (batch is null || batch.HasTimestamps)
        {
            batch = Start(withTimestamps: false);
        }

        batch.Add(value);
        if (batch.RowCount >= MaxBatchSize)
        {
            Flush();
        }
    }

    /// <summary>Emits <paramref name="value"/> with event time <paramref name="timestamp"/> (epoch milliseconds).</summary>
    public void CollectWithTimestamp(T value, long timestamp)
    {
        var batch = _batch;
        if (batch is null || !batch.HasTimestamps)
        {
            batch = Start(withTimestamps: true);
        }

        batch.Add(value, timestamp);
        if (batch.RowCount >= MaxBatchSize)
        {
            Flush();
        }
    }

    /// <summary>Sets where batches go; flushes what was collected for the previous output.</summary>
    internal void SetOutput(IOutput output)
    {
        if (!ReferenceEquals(output, _output))
        {
            Flush();
            _output = output;
        }
    }

    /// <summary>Hands the current batch on.</summary>
    internal void Flush()
    {
        if (_batch is { } batch)
        {
            _batch = null;
            if (batch.RowCount == 0 || _output is null)
            {
                batch.Dispose();
                return;
            }

            _output.Collect(SideOutputTag is null ? batch : new SideOutputBatch(SideOutputTag, batch));
        }
    }

    /// <summary>Drops what was not handed on.</summary>
    internal void Discard()
    {
        _batch?.Dispose();
        _batch = null;
    }

    private ElementBatch<T> Start(bool withTimestamps)
    {
        Flush();
        return _batch = new ElementBatch<T>(64, withTimestamps);
    }

    void IBufferedOutput.SetOutput(IOutput output) => SetOutput(output);

    void IBufferedOutput.Flush() => Flush();

    void IBufferedOutput.Discard() => Discard();
}
