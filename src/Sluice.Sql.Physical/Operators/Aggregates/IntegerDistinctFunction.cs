using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>DISTINCT</c> around any function over one integer argument (TINYINT..BIGINT, DATE, TIME, TIMESTAMP and DECIMAL
/// stored in 64 bits): what <see cref="DistinctFunction"/> does, with the multiset an open-addressing table of the 64-bit
/// values (<see cref="LongCountMap"/>) instead of a dictionary of <see cref="AggregateValue"/>s: a lookup hashes a long and
/// touches one place in memory, once per row.
/// </summary>
/// <remarks>The accumulator is written exactly as <see cref="DistinctFunction"/> writes it, so either reads the other's
/// state (a value is written as an <see cref="AggregateValue"/> number).</remarks>
internal sealed class IntegerDistinctFunction(AggregateFunction inner) : AggregateFunction(inner.Call)
{
    /// <summary>True when values of <paramref name="type"/> are integers of at most 64 bits in their storage form.</summary>
    public static bool Supports(DataType type) =>
        type.PhysicalType is PhysicalType.Int8 or PhysicalType.Int16 or PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Decimal64;

    /// <summary>The function applied to the distinct values.</summary>
    public AggregateFunction Inner => inner;

    public override object CreateAccumulator() => new DistinctLongs(inner.CreateAccumulator());

    public override void Accumulate(object accumulator, in AggregateValue value, long order)
    {
        var acc = (DistinctLongs)accumulator;
        if (acc.Counts.Increment((long)value.Number, order))
        {
            inner.Accumulate(acc.Inner, value, order);
        }
    }

    public override void Retract(object accumulator, in AggregateValue value)
    {
        var acc = (DistinctLongs)accumulator;
        if (acc.Counts.Decrement((long)value.Number) == 0)
        {
            inner.Retract(acc.Inner, value);
        }
    }

    public override void Merge(object target, object source)
    {
        var t = (DistinctLongs)target;
        foreach (var (value, count, order) in ((DistinctLongs)source).Counts.Entries())
        {
            if (t.Counts.Increment(value, order, count))
            {
                inner.Accumulate(t.Inner, AggregateValue.FromNumber(value), order);
            }
        }
    }

    public override void ObserveRow(object accumulator, RecordBatch batch, int physicalRow, long order) =>
        inner.ObserveRow(((DistinctLongs)accumulator).Inner, batch, physicalRow, order);

    public override AggregateValue? GetResult(object accumulator) => inner.GetResult(((DistinctLongs)accumulator).Inner);

    public override void AppendResult(object accumulator, Core.Vectors.ColumnVectorBuilder builder) =>
        inner.AppendResult(((DistinctLongs)accumulator).Inner, builder);

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var acc = (DistinctLongs)accumulator;
        writer.WriteVarInt64(acc.Counts.Count);
        foreach (var (value, count, order) in acc.Counts.Entries())
        {
            AggregateValue.FromNumber(value).Write(writer);
            writer.WriteVarInt64(count);
            writer.WriteVarInt64(order);
        }

        inner.Write(acc.Inner, writer);
    }

    public override object Read(BinaryBufferReader reader)
    {
        var count = reader.ReadVarInt64();
        var counts = new LongCountMap((int)Math.Min(count, 1 << 20));
        for (var i = 0L; i < count; i++)
        {
            var value = AggregateValue.ReadFrom(reader);
            if (value.Bytes is not null || value.Number < long.MinValue || value.Number > long.MaxValue)
            {
                throw new Core.Errors.StateException(
                    $"The DISTINCT state of {Call.Name} holds a value that is not a 64-bit integer; the argument's type changed.",
                    Core.Errors.ErrorDomain.User);
            }

            var occurrences = reader.ReadVarInt64();
            var order = reader.ReadVarInt64();
            if (occurrences > 0)
            {
                counts.Increment((long)value.Number, order, occurrences);
            }
        }

        return new DistinctLongs(inner.Read(reader), counts);
    }

    private sealed class DistinctLongs(object inner, LongCountMap? counts = null)
    {
        public LongCountMap Counts { get; } = counts ?? new LongCountMap();

        public object Inner { get; } = inner;
    }
}
