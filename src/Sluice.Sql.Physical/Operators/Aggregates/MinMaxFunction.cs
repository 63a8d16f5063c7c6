using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>MIN</c> and <c>MAX</c> over any orderable type, retractable as Flink's <c>MinWithRetractAggFunction</c>: a
/// multiset of the values (value → count) plus the ordered set of the values whose count is positive, so the result is
/// that set's first or last element (O(log n) per change). A retraction of a value never seen leaves a negative count,
/// which a later accumulation of that value cancels; values with a count of zero or less do not take part in the result.
/// </summary>
internal sealed class MinMaxFunction(AggregateCall call) : AggregateFunction(call)
{
    private readonly bool _max = call.Kind == AggregateKind.Max;

    public override object CreateAccumulator() => new ValueCounts();

    public override void Accumulate(object accumulator, in AggregateValue value, long order) => ((ValueCounts)accumulator).Add(value, 1);

    public override void Retract(object accumulator, in AggregateValue value) => ((ValueCounts)accumulator).Add(value, -1);

    public override void Merge(object target, object source)
    {
        var t = (ValueCounts)target;
        foreach (var (value, count) in ((ValueCounts)source).Counts)
        {
            t.Add(value, count);
        }
    }

    public override AggregateValue? GetResult(object accumulator)
    {
        var positive = ((ValueCounts)accumulator).Positive;
        return positive.Count == 0 ? null : _max ? positive.Max : positive.Min;
    }

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var counts = ((ValueCounts)accumulator).Counts;
        writer.WriteVarInt64(counts.Count);
        foreach (var (value, count) in counts)
        {
            value.Write(writer);
            writer.WriteVarInt64(count);
        }
    }

    public override object Read(BinaryBufferReader reader)
    {
        var acc = new ValueCounts();
        var entries = reader.ReadVarInt64();
        for (var i = 0L; i < entries; i++)
        {
            var value = AggregateValue.ReadFrom(reader);
            acc.Add(value, reader.ReadVarInt64());
        }

        return acc;
    }

    private sealed class ValueCounts
    {
        public Dictionary<AggregateValue, long> Counts { get; } = [];

        public SortedSet<AggregateValue> Positive { get; } = [];

        public void Add(AggregateValue value, long delta)
        {
            Counts.TryGetValue(value, out var count);
            var updated = count + delta;
            if (updated == 0)
            {
                Counts.Remove(value);
            }
            else
            {
                Counts[value] = updated;
            }

            if (updated > 0 && count <= 0)
            {
                Positive.Add(value);
            }
            else if (updated <= 0 && count > 0)
            {
                Positive.Remove(value);
            }
        }
    }
}
