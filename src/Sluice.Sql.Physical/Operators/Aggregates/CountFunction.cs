using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>COUNT(*)</c> and <c>COUNT(x, ...)</c>: a signed counter (+1 per accumulated row, -1 per retracted one, so it may
/// go below zero when retractions come first, as in Flink). The result is the counter in the result type.
/// </summary>
internal sealed class CountFunction(AggregateCall call) : AggregateFunction(call)
{
    /// <summary>A BIGINT result holds every counter value as it is, so no range check is needed.</summary>
    private readonly bool _bigIntResult = call.ResultType.TypeId == Core.Types.TypeId.BigInt;

    public override bool ReadsValue => false;

    public override object CreateAccumulator() => new Counter();

    public override void Accumulate(object accumulator, in AggregateValue value, long order) => ((Counter)accumulator).Count++;

    public override void Retract(object accumulator, in AggregateValue value) => ((Counter)accumulator).Count--;

    public override void Merge(object target, object source) => ((Counter)target).Count += ((Counter)source).Count;

    public override bool TryReset(object accumulator)
    {
        ((Counter)accumulator).Count = 0;
        return true;
    }

    public override AggregateValue? GetResult(object accumulator) => _bigIntResult
        ? AggregateValue.FromNumber(((Counter)accumulator).Count)
        : AggregateResults.FromExact(((Counter)accumulator).Count, 0, 1, Call.ResultType, Call.Name);

    public override void AppendResult(object accumulator, Core.Vectors.ColumnVectorBuilder builder)
    {
        if (_bigIntResult && builder is Core.Vectors.PrimitiveVectorBuilder<long> longs)
        {
            longs.Append(((Counter)accumulator).Count);
        }
        else
        {
            base.AppendResult(accumulator, builder);
        }
    }

    /// <summary>Adds <paramref name="rows"/> to a counter made by this function (the batched fold of <see cref="Aggregator"/>).</summary>
    public static void Add(object accumulator, long rows) => ((Counter)accumulator).Count += rows;

    public override void Write(object accumulator, BinaryBufferWriter writer) => writer.WriteVarInt64(((Counter)accumulator).Count);

    public override object Read(BinaryBufferReader reader) => new Counter { Count = reader.ReadVarInt64() };

    private sealed class Counter
    {
        public long Count;
    }
}
