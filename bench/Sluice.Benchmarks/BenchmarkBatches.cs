using Sluice.Core.Batches;
using Sluice.Testing.Sources;

namespace Sluice.Benchmarks;

/// <summary>Builds the input batches of the micro-benchmarks from a fixed array of events (no per-element allocation).</summary>
public static class BenchmarkBatches
{
    public const int Size = 4096;

    /// <summary>
    /// 4096 events over <paramref name="keys"/> keys, keys interleaved as a source split emits them, with event times
    /// spread over <c>[0, spanMillis)</c> out of order.
    /// </summary>
    public static SequenceEvent[] Events(int keys, long spanMillis)
    {
        var events = new SequenceEvent[Size];
        for (var i = 0; i < Size; i++)
        {
            events[i] = new SequenceEvent(i % keys, (i / keys) + 1, (i * 7919L) % spanMillis);
        }

        return events;
    }

    /// <summary>A batch of <paramref name="events"/> with their event times shifted by <paramref name="shift"/>.</summary>
    public static ElementBatch<SequenceEvent> Batch(SequenceEvent[] events, long shift = 0)
    {
        var batch = new ElementBatch<SequenceEvent>(events.Length, withTimestamps: true);
        foreach (var e in events)
        {
            batch.Add(e, e.Timestamp + shift);
        }

        return batch;
    }
}
