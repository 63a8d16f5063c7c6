using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>DISTINCT</c> around any function: a multiset of the argument values (value → count, and the order of the
/// occurrence that made the value present) next to the inner function's accumulator. A value reaches the inner
/// function when its count goes from 0 to 1 and leaves it (a retraction) when the count goes back to 0; a retraction of
/// an absent value is ignored. Merging adds the counts and accumulates, with their recorded order, the values new to
/// the target.
/// </summary>
internal sealed class DistinctFunction(AggregateFunction inner) : AggregateFunction(inner.Call)
{
    public override object CreateAccumulator() => new DistinctValues(inner.CreateAccumulator());

    public override void Accumulate(object accumulator, in AggregateValue value, long order)
    {
        var acc = (DistinctValues)accumulator;
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(acc.Counts, value, out var exists);
        if (exists)
        {
            entry.Count++;
            return;
        }

        entry = (1, order);
        inner.Accumulate(acc.Inner, value, order);
    }

    public override void Retract(object accumulator, in AggregateValue value)
    {
        var acc = (DistinctValues)accumulator;
        if (!acc.Counts.TryGetValue(value, out var entry))
        {
            return;
        }

        if (entry.Count > 1)
        {
            acc.Counts[value] = (entry.Count - 1, entry.Order);
            return;
        }

        acc.Counts.Remove(value);
        inner.Retract(acc.Inner, value);
    }

    public override void Merge(object target, object source)
    {
        var t = (DistinctValues)target;
        foreach (var (value, (count, order)) in ((DistinctValues)source).Counts)
        {
            if (t.Counts.TryGetValue(value, out var entry))
            {
                t.Counts[value] = (entry.Count + count, entry.Order);
            }
            else
            {
                t.Counts[value] = (count, order);
                inner.Accumulate(t.Inner, value, order);
            }
        }
    }

    public override void ObserveRow(object accumulator, RecordBatch batch, int physicalRow, long order) =>
        inner.ObserveRow(((DistinctValues)accumulator).Inner, batch, physicalRow, order);

    public override AggregateValue? GetResult(object accumulator) => inner.GetResult(((DistinctValues)accumulator).Inner);

    public override void AppendResult(object accumulator, Core.Vectors.ColumnVectorBuilder builder) =>
        inner.AppendResult(((DistinctValues)accumulator).Inner, builder);

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var acc = (DistinctValues)accumulator;
        writer.WriteVarInt64(acc.Counts.Count);
        foreach (var (value, (count, order)) in acc.Counts)
        {
            value.Write(writer);
            writer.WriteVarInt64(count);
            writer.WriteVarInt64(order);
        }

        inner.Write(acc.Inner, writer);
    }

    public override object Read(BinaryBufferReader reader)
    {
        var count = reader.ReadVarInt64();
        var counts = new Dictionary<AggregateValue, (long Count, long Order)>();
        for (var i = 0L; i < count; i++)
        {
            var value = AggregateValue.ReadFrom(reader);
            counts[value] = (reader.ReadVarInt64(), reader.ReadVarInt64());
        }

        var acc = new DistinctValues(inner.Read(reader));
        foreach (var (value, entry) in counts)
        {
            acc.Counts[value] = entry;
        }

        return acc;
    }

    private sealed class DistinctValues(object inner)
    {
        public Dictionary<AggregateValue, (long Count, long Order)> Counts { get; } = [];

        public object Inner { get; } = inner;
    }
}
