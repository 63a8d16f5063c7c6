using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// A retractable aggregate whose accumulator counts each distinct value (<see cref="CollectFunction"/>,
/// <see cref="SingleValueFunction"/>): an accumulation adds one, a retraction subtracts one (a value retracted before it
/// was accumulated gets a negative count, which a later accumulation cancels); a count of zero is dropped. Subclasses
/// read the counts in <see cref="AggregateFunction.GetResult"/>.
/// </summary>
internal abstract class CountedValuesFunction(AggregateCall call) : AggregateFunction(call)
{
    public sealed override object CreateAccumulator() => new Dictionary<AggregateValue, long>();

    public sealed override void Accumulate(object accumulator, in AggregateValue value, long order) => Add(Counts(accumulator), value, 1);

    public sealed override void Retract(object accumulator, in AggregateValue value) => Add(Counts(accumulator), value, -1);

    public sealed override void Merge(object target, object source)
    {
        var counts = Counts(target);
        foreach (var (value, count) in Counts(source))
        {
            Add(counts, value, count);
        }
    }

    public sealed override void Write(object accumulator, BinaryBufferWriter writer) => WriteCounts(Counts(accumulator), writer);

    public sealed override object Read(BinaryBufferReader reader)
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

    /// <summary>The counts of an accumulator of this function.</summary>
    protected static Dictionary<AggregateValue, long> Counts(object accumulator) => (Dictionary<AggregateValue, long>)accumulator;

    /// <summary>Writes <paramref name="entries"/>: their number, then each value and its count.</summary>
    protected static void WriteCounts(IReadOnlyCollection<KeyValuePair<AggregateValue, long>> entries, BinaryBufferWriter writer)
    {
        writer.WriteVarInt64(entries.Count);
        foreach (var (value, count) in entries)
        {
            value.Write(writer);
            writer.WriteVarInt64(count);
        }
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
