using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>SUM</c>, <c>$SUM0</c> and <c>AVG</c>: the number of values and their sum, exact (a 128-bit unscaled sum at the
/// argument's scale) for TINYINT..BIGINT and DECIMAL, a double for FLOAT and DOUBLE. Retraction subtracts. SUM is null
/// and SUM0 is 0 when the count is 0 (Flink's <c>SumWithRetractAggFunction</c>); AVG is the sum divided by the count in
/// the result type (integers truncate, DECIMAL rounds half up), null when the count is 0.
/// </summary>
/// <remarks>DECIMAL sums are exact up to 38 digits (the 128-bit accumulator holds about 1.7 × 10^38); beyond the
/// result type's precision the result fails with a clear error instead of wrapping.</remarks>
internal sealed class SumFunction : AggregateFunction
{
    private readonly bool _floating;
    private readonly int _scale;

    public SumFunction(AggregateCall call, DataType argumentType)
        : base(call)
    {
        _floating = AggregateResults.IsFloating(argumentType);
        _scale = AggregateResults.ScaleOf(argumentType);
    }

    public override object CreateAccumulator() => new SumAccumulator();

    public override void Accumulate(object accumulator, in AggregateValue value, long order)
    {
        var acc = (SumAccumulator)accumulator;
        acc.Count++;
        if (_floating)
        {
            acc.FloatSum += value.AsDouble();
        }
        else
        {
            acc.ExactSum = AggregateResults.Add(acc.ExactSum, value.Number, Call.Name);
        }
    }

    public override void Retract(object accumulator, in AggregateValue value)
    {
        var acc = (SumAccumulator)accumulator;
        acc.Count--;
        if (_floating)
        {
            acc.FloatSum -= value.AsDouble();
        }
        else
        {
            acc.ExactSum = AggregateResults.Add(acc.ExactSum, -value.Number, Call.Name);
        }
    }

    public override void Merge(object target, object source)
    {
        var t = (SumAccumulator)target;
        var s = (SumAccumulator)source;
        t.Count += s.Count;
        t.FloatSum += s.FloatSum;
        t.ExactSum = AggregateResults.Add(t.ExactSum, s.ExactSum, Call.Name);
    }

    public override bool TryReset(object accumulator)
    {
        var acc = (SumAccumulator)accumulator;
        acc.Count = 0;
        acc.ExactSum = 0;
        acc.FloatSum = 0;
        return true;
    }

    public override AggregateValue? GetResult(object accumulator)
    {
        var acc = (SumAccumulator)accumulator;
        var type = Call.ResultType;
        if (acc.Count == 0)
        {
            return Call.Kind == AggregateKind.Sum0 ? AggregateResults.FromExact(0, 0, 1, type, Call.Name) : null;
        }

        if (Call.Kind == AggregateKind.Avg)
        {
            return _floating
                ? AggregateResults.FromFloating(acc.FloatSum / acc.Count, type, Call.Name)
                : AggregateResults.FromExact(acc.ExactSum, _scale, acc.Count, type, Call.Name);
        }

        return _floating
            ? AggregateResults.FromFloating(acc.FloatSum, type, Call.Name)
            : AggregateResults.FromExact(acc.ExactSum, _scale, 1, type, Call.Name);
    }

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var acc = (SumAccumulator)accumulator;
        writer.WriteVarInt64(acc.Count);
        if (_floating)
        {
            writer.WriteDouble(acc.FloatSum);
        }
        else
        {
            AggregateValue.FromNumber(acc.ExactSum).Write(writer);
        }
    }

    public override object Read(BinaryBufferReader reader)
    {
        var acc = new SumAccumulator { Count = reader.ReadVarInt64() };
        if (_floating)
        {
            acc.FloatSum = reader.ReadDouble();
        }
        else
        {
            acc.ExactSum = AggregateValue.ReadFrom(reader).Number;
        }

        return acc;
    }

    private sealed class SumAccumulator
    {
        public long Count;
        public Int128 ExactSum;
        public double FloatSum;
    }
}
