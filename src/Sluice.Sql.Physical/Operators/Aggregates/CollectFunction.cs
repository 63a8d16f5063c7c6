using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>COLLECT(x)</c>, retractable as Flink's <c>CollectAggFunction</c>: a count per distinct non-null value. A
/// retraction decrements the value's count (a value retracted before it was accumulated gets a negative count, which a
/// later accumulation cancels); only positive counts are in the result. The result is a <c>MULTISET</c> (never null;
/// empty when nothing is accumulated), its values in ascending order (so equal multisets are equal results), encoded
/// for <see cref="AggregateValue.AppendTo"/> by <see cref="Encode"/>.
/// </summary>
internal sealed class CollectFunction(AggregateCall call) : AggregateFunction(call)
{
    public override object CreateAccumulator() => new Dictionary<AggregateValue, long>();

    public override void Accumulate(object accumulator, in AggregateValue value, long order) => Add((Dictionary<AggregateValue, long>)accumulator, value, 1);

    public override void Retract(object accumulator, in AggregateValue value) => Add((Dictionary<AggregateValue, long>)accumulator, value, -1);

    public override void Merge(object target, object source)
    {
        var counts = (Dictionary<AggregateValue, long>)target;
        foreach (var (value, count) in (Dictionary<AggregateValue, long>)source)
        {
            Add(counts, value, count);
        }
    }

    public override AggregateValue? GetResult(object accumulator)
    {
        var entries = ((Dictionary<AggregateValue, long>)accumulator).Where(e => e.Value > 0).OrderBy(e => e.Key).ToList();
        return AggregateValue.FromMultiset(Encode(entries));
    }

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var counts = (Dictionary<AggregateValue, long>)accumulator;
        writer.WriteVarInt64(counts.Count);
        foreach (var (value, count) in counts)
        {
            value.Write(writer);
            writer.WriteVarInt64(count);
        }
    }

    public override object Read(BinaryBufferReader reader)
    {
        var counts = new Dictionary<AggregateValue, long>();
        var n = reader.ReadVarInt64();
        for (var i = 0L; i < n; i++)
        {
            var value = AggregateValue.ReadFrom(reader);
            counts[value] = reader.ReadVarInt64();
        }

        return counts;
    }

    /// <summary>The multiset of <paramref name="entries"/> (value and positive count) as bytes: a count, then each value and its count.</summary>
    public static byte[] Encode(IReadOnlyList<KeyValuePair<AggregateValue, long>> entries)
    {
        var writer = new BinaryBufferWriter();
        writer.WriteVarInt64(entries.Count);
        foreach (var (value, count) in entries)
        {
            value.Write(writer);
            writer.WriteVarInt64(count);
        }

        return writer.ToArray();
    }

    private static void Add(Dictionary<AggregateValue, long> counts, AggregateValue value, long delta)
    {
        var count = counts.GetValueOrDefault(value) + delta;
        if (count == 0)
        {
            counts.Remove(value);
        }
        else
        {
            counts[value] = count;
        }
    }
}
