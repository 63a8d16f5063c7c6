using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>COUNT(*)</c> without <c>FILTER</c>: the net number of rows, which <see cref="AccumulatorSet.RowCount"/> already
/// holds (the <see cref="Aggregator"/> adds one per accumulated row and subtracts one per retracted row, exactly what a
/// <see cref="CountFunction"/> counter does), so the call keeps no accumulator object of its own: its slot holds a shared
/// marker, and its result is read from the set with <see cref="Aggregator.Result"/>.
/// </summary>
/// <remarks>
/// The call's accumulator is written as <see cref="CountFunction"/> writes its counter (the count, here the set's row
/// count, through <see cref="Aggregator.WriteAccumulator"/>), and reading one skips the count (the set's row count is
/// read with the set), so state written with either function restores with the other.
/// </remarks>
internal sealed class RowCountFunction(AggregateCall call) : AggregateFunction(call)
{
    private static readonly object Marker = new();

    public override bool ReadsValue => false;

    public override object CreateAccumulator() => Marker;

    public override void Accumulate(object accumulator, in AggregateValue value, long order)
    {
    }

    public override void Retract(object accumulator, in AggregateValue value)
    {
    }

    public override void Merge(object target, object source)
    {
    }

    public override bool TryReset(object accumulator) => true;

    /// <summary>Not available: the result is the set's row count (<see cref="ResultOf"/>).</summary>
    public override AggregateValue? GetResult(object accumulator) =>
        throw new InvalidOperationException($"COUNT(*) ({Call.Name}) is the row count of its accumulator set; read it with Aggregator.Result.");

    /// <summary>The result for a set with <paramref name="rowCount"/> net rows.</summary>
    public AggregateValue? ResultOf(long rowCount) => Call.ResultType.TypeId == Core.Types.TypeId.BigInt
        ? AggregateValue.FromNumber(rowCount)
        : AggregateResults.FromExact(rowCount, 0, 1, Call.ResultType, Call.Name);

    /// <summary>Appends the result for a set with <paramref name="rowCount"/> net rows to <paramref name="builder"/>.</summary>
    public void AppendResultOf(long rowCount, Core.Vectors.ColumnVectorBuilder builder)
    {
        if (builder is Core.Vectors.PrimitiveVectorBuilder<long> longs && Call.ResultType.TypeId == Core.Types.TypeId.BigInt)
        {
            longs.Append(rowCount);
        }
        else if (ResultOf(rowCount) is { } value)
        {
            value.AppendTo(builder);
        }
        else
        {
            builder.AppendNull();
        }
    }

    /// <summary>Not available: the written count is the set's row count (<see cref="WriteCount"/>).</summary>
    public override void Write(object accumulator, BinaryBufferWriter writer) =>
        throw new InvalidOperationException($"COUNT(*) ({Call.Name}) is the row count of its accumulator set; write it with Aggregator.WriteAccumulator.");

    /// <summary>Writes the count of a set with <paramref name="rowCount"/> net rows, as <see cref="CountFunction"/> writes it.</summary>
    public static void WriteCount(long rowCount, BinaryBufferWriter writer) => writer.WriteVarInt64(rowCount);

    public override object Read(BinaryBufferReader reader)
    {
        reader.ReadVarInt64();
        return Marker;
    }
}
