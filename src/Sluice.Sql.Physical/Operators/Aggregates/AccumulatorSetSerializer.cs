using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// Writes an <see cref="AccumulatorSet"/>: the row count, the next order number, the number of calls (checked on
/// read), then each call's accumulator as its function writes it. Bound to the <see cref="Aggregator"/> of the operator
/// (the same calls must be used to read). Stateless and thread-safe.
/// </summary>
internal sealed class AccumulatorSetSerializer(Aggregator aggregator) : ITypeSerializer<AccumulatorSet>
{
    /// <summary>Version 2: the accumulators of <see cref="AggregateFunction"/> (version 1 was the group aggregate's fixed layout).</summary>
    public int Version => 2;

    public void Serialize(AccumulatorSet value, BinaryBufferWriter writer)
    {
        writer.WriteVarInt64(value.RowCount);
        writer.WriteVarInt64(value.NextOrder);
        var functions = aggregator.Functions;
        writer.WriteVarInt64(functions.Count);
        for (var i = 0; i < functions.Count; i++)
        {
            aggregator.WriteAccumulator(value, i, writer);
        }
    }

    public AccumulatorSet Deserialize(BinaryBufferReader reader)
    {
        var rowCount = reader.ReadVarInt64();
        var nextOrder = reader.ReadVarInt64();
        var functions = aggregator.Functions;
        var calls = reader.ReadVarInt64();
        if (calls != functions.Count)
        {
            throw new StateException(
                $"The aggregate state holds {calls} accumulators, but the operator computes {functions.Count} calls; " +
                "the query changed in a way its state cannot follow.", ErrorDomain.User);
        }

        var accumulators = new object[functions.Count];
        for (var i = 0; i < accumulators.Length; i++)
        {
            accumulators[i] = functions[i].Read(reader);
        }

        aggregator.Link(accumulators);

        return new AccumulatorSet(accumulators) { RowCount = rowCount, NextOrder = nextOrder };
    }
}
