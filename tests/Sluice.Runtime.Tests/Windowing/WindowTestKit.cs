using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Testing;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Windowing;

/// <summary>
/// Builds window-count operators over <see cref="SequenceEvent"/>s keyed by <see cref="SequenceEvent.Key"/>, and feeds harnesses.
/// </summary>
internal static class WindowTestKit
{
    public static TumblingWindowOperator<SequenceEvent, long, long, long, WindowCount> CountOperator(long sizeMillis,
        long allowedLatenessMillis = 0, long offsetMillis = 0) =>
        new(new TumblingWindowOptions<SequenceEvent, long, long, long, WindowCount>
        {
            KeySelector = e => e.Key,
            KeySerializer = Serializers.Int64,
            KeyHasher = KeyHashers.Int64,
            Size = TimeSpan.FromMilliseconds(sizeMillis),
            Offset = TimeSpan.FromMilliseconds(offsetMillis),
            AllowedLateness = TimeSpan.FromMilliseconds(allowedLatenessMillis),
            Aggregate = CountAggregate<SequenceEvent>.Instance,
            AccumulatorSerializer = Serializers.Int64,
            ResultSelector = static (key, window, count) => new WindowCount(key, window.Start, window.End, count),
        });

    /// <summary>An event of <paramref name="key"/> at <paramref name="timestamp"/> (the sequence number is irrelevant to counts).</summary>
    public static SequenceEvent Event(long key, long timestamp, long seq = 1) => new(key, seq, timestamp);

    /// <summary>Pushes the events as one batch, each with its own timestamp as event time.</summary>
    public static void Feed(OperatorHarness harness, params SequenceEvent[] events)
    {
        var batch = new ElementBatch<SequenceEvent>(Math.Max(1, events.Length), withTimestamps: true);
        foreach (var e in events)
        {
            batch.Add(e, e.Timestamp);
        }

        harness.ProcessBatch(batch);
    }

    /// <summary>The key group of a key, as the hash partitioner and the state backend compute it.</summary>
    public static int KeyGroupOf(long key, int maxParallelism) => KeyGroups.Assign(KeyHashers.Int64.GetStableHash(key), maxParallelism);

    /// <summary>The emitted window counts with the event time each was emitted with.</summary>
    public static List<(WindowCount Result, long Timestamp)> OutputWithTimestamps(OperatorHarness harness)
    {
        var result = new List<(WindowCount, long)>();
        foreach (var batch in harness.OutputBatches)
        {
            var typed = Assert.IsType<ElementBatch<WindowCount>>(batch);
            Assert.True(typed.HasTimestamps, "window results carry event times");
            for (var i = 0; i < typed.RowCount; i++)
            {
                result.Add((typed[i], typed.Timestamps[i]));
            }
        }

        return result;
    }
}
