using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>COLLECT(x)</c>, retractable as Flink's <c>CollectAggFunction</c>: a count per distinct non-null value. A
/// retraction decrements the value's count (a value retracted before it was accumulated gets a negative count, which a
/// later accumulation cancels); only positive counts are in the result. The result is a <c>MULTISET</c> (never null;
/// empty when nothing is accumulated), its values in ascending order (so equal multisets are equal results), encoded
/// for <see cref="AggregateValue.AppendTo"/> by <see cref="Encode"/>.
/// </summary>
internal sealed class CollectFunction(AggregateCall call) : CountedValuesFunction(call)
{
    public override AggregateValue? GetResult(object accumulator)
    {
        var entries = Counts(accumulator).Where(e => e.Value > 0).OrderBy(e => e.Key).ToList();
        return AggregateValue.FromMultiset(Encode(entries));
    }

    /// <summary>The multiset of <paramref name="entries"/> (value and positive count) as bytes: a count, then each value and its count.</summary>
    public static byte[] Encode(IReadOnlyList<KeyValuePair<AggregateValue, long>> entries)
    {
        var writer = new BinaryBufferWriter();
        WriteCounts(entries, writer);
        return writer.ToArray();
    }
}
