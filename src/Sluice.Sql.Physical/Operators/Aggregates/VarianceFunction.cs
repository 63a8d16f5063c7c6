using System.Numerics;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>VAR_POP</c>, <c>VAR_SAMP</c> (<c>VARIANCE</c>), <c>STDDEV_POP</c> and <c>STDDEV_SAMP</c> (<c>STDDEV</c>), with
/// Calcite's formulas (Flink reduces these functions to them): <c>VAR_POP = (Σx² - (Σx)²/n) / n</c> and
/// <c>VAR_SAMP = (Σx² - (Σx)²/n) / (n - 1)</c>, the standard deviations their square roots. The accumulator keeps n,
/// Σx and Σx²: exactly (128-bit unscaled integers) for exact numerics, so retraction is exact and the result is
/// computed exactly before one conversion to double; as doubles for FLOAT/DOUBLE (then a negative variance from
/// rounding is clamped to 0). Null for no values, and the sample variants for one value.
/// </summary>
internal sealed class VarianceFunction : AggregateFunction
{
    private readonly bool _floating;
    private readonly int _scale;
    private readonly bool _sample;
    private readonly bool _root;

    public VarianceFunction(AggregateCall call, DataType argumentType)
        : base(call)
    {
        _floating = AggregateResults.IsFloating(argumentType);
        _scale = AggregateResults.ScaleOf(argumentType);
        _sample = call.Kind is AggregateKind.VarSamp or AggregateKind.StddevSamp;
        _root = call.Kind is AggregateKind.StddevPop or AggregateKind.StddevSamp;
    }

    public override object CreateAccumulator() => new Moments();

    public override void Accumulate(object accumulator, in AggregateValue value, long order) => Add((Moments)accumulator, value, 1);

    public override void Retract(object accumulator, in AggregateValue value) => Add((Moments)accumulator, value, -1);

    public override void Merge(object target, object source)
    {
        var t = (Moments)target;
        var s = (Moments)source;
        t.Count += s.Count;
        t.FloatSum += s.FloatSum;
        t.FloatSquares += s.FloatSquares;
        t.ExactSum = AggregateResults.Add(t.ExactSum, s.ExactSum, Call.Name);
        t.ExactSquares = AggregateResults.Add(t.ExactSquares, s.ExactSquares, Call.Name);
    }

    public override AggregateValue? GetResult(object accumulator)
    {
        var acc = (Moments)accumulator;
        var n = acc.Count;
        if (n <= 0 || (_sample && n == 1))
        {
            return null;
        }

        var divisor = _sample ? n - 1 : n;
        double variance;
        if (_floating)
        {
            variance = Math.Max(0, (acc.FloatSquares - (acc.FloatSum * acc.FloatSum / n)) / divisor);
        }
        else
        {
            // (Σx² - (Σx)²/n) / d = (n·Σx² - (Σx)²) / (n·d), all in unscaled units of 10^-2s.
            var numerator = ((BigInteger)n * (BigInteger)acc.ExactSquares) - ((BigInteger)acc.ExactSum * (BigInteger)acc.ExactSum);
            variance = AggregateResults.ToDouble(numerator, 2 * _scale) / ((double)n * divisor);
        }

        return AggregateResults.FromFloating(_root ? Math.Sqrt(variance) : variance, Call.ResultType, Call.Name);
    }

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var acc = (Moments)accumulator;
        writer.WriteVarInt64(acc.Count);
        if (_floating)
        {
            writer.WriteDouble(acc.FloatSum);
            writer.WriteDouble(acc.FloatSquares);
        }
        else
        {
            AggregateValue.FromNumber(acc.ExactSum).Write(writer);
            AggregateValue.FromNumber(acc.ExactSquares).Write(writer);
        }
    }

    public override object Read(BinaryBufferReader reader)
    {
        var acc = new Moments { Count = reader.ReadVarInt64() };
        if (_floating)
        {
            acc.FloatSum = reader.ReadDouble();
            acc.FloatSquares = reader.ReadDouble();
        }
        else
        {
            acc.ExactSum = AggregateValue.ReadFrom(reader).Number;
            acc.ExactSquares = AggregateValue.ReadFrom(reader).Number;
        }

        return acc;
    }

    private void Add(Moments acc, in AggregateValue value, int sign)
    {
        acc.Count += sign;
        if (_floating)
        {
            var x = value.AsDouble();
            acc.FloatSum += sign * x;
            acc.FloatSquares += sign * x * x;
            return;
        }

        var v = value.Number;
        Int128 square;
        try
        {
            square = checked(v * v);
        }
        catch (OverflowException)
        {
            throw new SluiceException($"Aggregate {Call.Name} cannot square {v}: it overflows the 128-bit accumulator.", ErrorDomain.User);
        }

        acc.ExactSum = AggregateResults.Add(acc.ExactSum, sign * v, Call.Name);
        acc.ExactSquares = AggregateResults.Add(acc.ExactSquares, sign * square, Call.Name);
    }

    private sealed class Moments
    {
        public long Count;
        public Int128 ExactSum;
        public Int128 ExactSquares;
        public double FloatSum;
        public double FloatSquares;
    }
}
