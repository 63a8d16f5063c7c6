using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>SINGLE_VALUE(x)</c>, the value of a correlated scalar subquery per key: the only non-null value of the group
/// (NULL when there is none); a group with more than one row is an error, as a scalar subquery must return at most one
/// row. Retractable: the values are counted, and a retraction before an accumulation is remembered as a negative count.
/// </summary>
internal sealed class SingleValueFunction(AggregateCall call) : AggregateFunction(call)
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

    /// <exception cref="SluiceException">The group has more than one row.</exception>
    public override AggregateValue? GetResult(object accumulator)
    {
        AggregateValue? single = null;
        var rows = 0L;
        foreach (var (value, count) in (Dictionary<AggregateValue, long>)accumulator)
        {
            if (count > 0)
            {
                rows += count;
                single = value;
            }
        }

        if (rows > 1)
        {
            throw new SluiceException($"A scalar subquery returned {rows} rows for one key ({Call.Name}); it must return at most one.", ErrorDomain.User);
        }

        return single;
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
