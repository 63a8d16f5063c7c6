using System.Globalization;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>PERCENTILE(x, percentage [, frequency])</c>, as Flink's <c>PercentileAggFunction</c>: the accumulator counts each
/// value (a DOUBLE; the planner casts the argument), adding the row's frequency (1 without one; a row whose value is
/// NULL, or whose frequency is NULL or not positive, is skipped); a retraction subtracts it. The percentages are read
/// from the first row that reaches the accumulator (Flink does the same: a non-literal percentage takes any one row's
/// value) and checked to be in [0, 1].
/// </summary>
/// <remarks>
/// <para><b>Result.</b> With n the total count and the values in ascending order (each repeated by its count), the
/// percentile p is at position <c>p * (n - 1) + 1</c>: the value there when the position is whole or falls between two
/// equal values, else the linear interpolation of the two values around it. A DOUBLE for one percentage, an
/// ARRAY&lt;DOUBLE&gt; (in the percentages' order) for an array; NULL when nothing is counted or the array is empty.</para>
/// <para><b>DISTINCT</b> counts each distinct (value, frequency) pair once, as the tuple of the arguments is what
/// DISTINCT compares.</para>
/// <para>Reads its arguments from the row (<see cref="AggregateFunction.ReadsRows"/>), as the frequency is needed on
/// retraction too.</para>
/// </remarks>
internal sealed class PercentileFunction : AggregateFunction
{
    private readonly bool _isArray;

    private PercentileFunction(AggregateCall call, bool isArray)
        : base(call) => _isArray = isArray;

    public override bool ReadsRows => true;

    /// <summary>Checks the call's argument and result types and creates the function.</summary>
    /// <exception cref="ArgumentException">The call does not have the argument types the planner gives PERCENTILE.</exception>
    public static PercentileFunction Create(Schema schema, AggregateCall call)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(call);
        if (call.Arguments.Count is not (2 or 3))
        {
            throw Invalid(call, $"takes 2 or 3 argument columns, not {call.Arguments.Count}");
        }

        if (schema[call.Arguments[0]].DataType.TypeId != TypeId.Double)
        {
            throw Invalid(call, $"takes its value as DOUBLE, not {schema[call.Arguments[0]].DataType}");
        }

        var percentage = schema[call.Arguments[1]].DataType;
        var isArray = percentage.TypeId == TypeId.Array;
        if (!isArray && percentage.TypeId != TypeId.Double)
        {
            throw Invalid(call, $"takes its percentage as DOUBLE or an ARRAY of numbers, not {percentage}");
        }

        if (call.Arguments.Count == 3 && schema[call.Arguments[2]].DataType.TypeId != TypeId.BigInt)
        {
            throw Invalid(call, $"takes its frequency as BIGINT, not {schema[call.Arguments[2]].DataType}");
        }

        var result = call.ResultType;
        if (isArray ? result.TypeId != TypeId.Array || result.ElementType!.TypeId != TypeId.Double : result.TypeId != TypeId.Double)
        {
            throw Invalid(call, $"produces {(isArray ? "ARRAY<DOUBLE>" : "DOUBLE")}, not {result}");
        }

        return new PercentileFunction(call, isArray);
    }

    public override object CreateAccumulator() => new Counts(Call.IsDistinct);

    public override void ApplyRow(object accumulator, RecordBatch batch, int physicalRow, bool retract, long order)
    {
        var values = (PrimitiveVector<double>)batch.Column(Call.Arguments[0]);
        var acc = (Counts)accumulator;
        acc.Percentages ??= ReadPercentages(batch.Column(Call.Arguments[1]), physicalRow);
        if (values.IsNull(physicalRow))
        {
            return;
        }

        var frequency = 1L;
        if (Call.Arguments.Count == 3)
        {
            var frequencies = (PrimitiveVector<long>)batch.Column(Call.Arguments[2]);
            if (frequencies.IsNull(physicalRow) || frequencies.Values[physicalRow] <= 0)
            {
                return;
            }

            frequency = frequencies.Values[physicalRow];
        }

        var value = values.Values[physicalRow];
        if (acc.Distinct is { } distinct)
        {
            var before = distinct.GetValueOrDefault((value, frequency));
            var after = before + (retract ? -1 : 1);
            if (retract && before <= 0)
            {
                return;
            }

            SetDistinct(distinct, (value, frequency), after);
            if (before == 0 || after == 0)
            {
                Add(acc.Values, value, retract ? -frequency : frequency);
            }

            return;
        }

        Add(acc.Values, value, retract ? -frequency : frequency);
    }

    public override void Accumulate(object accumulator, in AggregateValue value, long order) =>
        throw new NotSupportedException("PERCENTILE reads rows.");

    public override void Retract(object accumulator, in AggregateValue value) =>
        throw new NotSupportedException("PERCENTILE reads rows.");

    public override void Merge(object target, object source)
    {
        var t = (Counts)target;
        var s = (Counts)source;
        t.Percentages ??= s.Percentages;
        if (t.Distinct is { } distinct && s.Distinct is not null)
        {
            foreach (var (pair, count) in s.Distinct)
            {
                var before = distinct.GetValueOrDefault(pair);
                var after = before + count;
                SetDistinct(distinct, pair, after);
                if (before <= 0 && after > 0)
                {
                    Add(t.Values, pair.Value, pair.Frequency);
                }
                else if (before > 0 && after <= 0)
                {
                    Add(t.Values, pair.Value, -pair.Frequency);
                }
            }

            return;
        }

        foreach (var (value, count) in s.Values)
        {
            Add(t.Values, value, count);
        }
    }

    public override AggregateValue? GetResult(object accumulator)
    {
        var acc = (Counts)accumulator;
        if (acc.Percentages is not { } percentages || (_isArray && percentages.Length == 0))
        {
            return null;
        }

        var results = Compute(acc.Values, percentages);
        if (results is null)
        {
            return null;
        }

        return _isArray
            ? AggregateValue.FromArray(ArrayAggFunction.EncodeArray(results.Select(r => (AggregateValue?)AggregateValue.FromDouble(r))))
            : AggregateValue.FromDouble(results[0]);
    }

    /// <summary>
    /// The percentiles of the values counted in <paramref name="counts"/> (values with a positive count), one per
    /// percentage; null when nothing is counted. The computation of <see cref="PercentileFunction"/>'s remarks.
    /// </summary>
    public static double[]? Compute(IReadOnlyDictionary<double, long> counts, IReadOnlyList<double> percentages)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(percentages);
        var sorted = counts.Where(e => e.Value > 0).OrderBy(e => e.Key, JavaDoubleOrder.Instance).ToArray();
        var total = 0L;
        foreach (var entry in sorted)
        {
            total += entry.Value;
        }

        if (total <= 0)
        {
            return null;
        }

        var positions = percentages.Select((p, i) => (Position: (p * (total - 1)) + 1, Index: i)).OrderBy(p => p.Position).ToArray();
        var results = new double[percentages.Count];
        var j = 0;
        var seen = sorted[0].Value;
        foreach (var (position, index) in positions)
        {
            var lower = (long)Math.Floor(position);
            var higher = (long)Math.Ceiling(position);
            while (seen < lower)
            {
                j++;
                seen += sorted[j].Value;
            }

            results[index] = seen >= higher
                ? sorted[j].Key
                : ((higher - position) * sorted[j].Key) + ((position - lower) * sorted[j + 1].Key);
        }

        return results;
    }

    public override bool TryReset(object accumulator)
    {
        var acc = (Counts)accumulator;
        acc.Percentages = null;
        acc.Values.Clear();
        acc.Distinct?.Clear();
        return true;
    }

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var acc = (Counts)accumulator;
        writer.WriteBoolean(acc.Percentages is not null);
        if (acc.Percentages is { } percentages)
        {
            writer.WriteVarInt64(percentages.Length);
            foreach (var p in percentages)
            {
                writer.WriteDouble(p);
            }
        }

        writer.WriteVarInt64(acc.Values.Count);
        foreach (var (value, count) in acc.Values)
        {
            writer.WriteDouble(value);
            writer.WriteVarInt64(count);
        }

        writer.WriteBoolean(acc.Distinct is not null);
        if (acc.Distinct is { } distinct)
        {
            writer.WriteVarInt64(distinct.Count);
            foreach (var ((value, frequency), count) in distinct)
            {
                writer.WriteDouble(value);
                writer.WriteVarInt64(frequency);
                writer.WriteVarInt64(count);
            }
        }
    }

    public override object Read(BinaryBufferReader reader)
    {
        var percentages = default(double[]);
        if (reader.ReadBoolean())
        {
            percentages = new double[reader.ReadVarInt64()];
            for (var i = 0; i < percentages.Length; i++)
            {
                percentages[i] = reader.ReadDouble();
            }
        }

        var values = new Dictionary<double, long>();
        var count = reader.ReadVarInt64();
        for (var i = 0L; i < count; i++)
        {
            var value = reader.ReadDouble();
            values[value] = reader.ReadVarInt64();
        }

        var distinct = reader.ReadBoolean();
        if (distinct != Call.IsDistinct)
        {
            throw new StateException($"The PERCENTILE state of {Call.Name} was written {(distinct ? "with" : "without")} DISTINCT; the query changed in a way its state cannot follow.", ErrorDomain.User);
        }

        var acc = new Counts(distinct) { Percentages = percentages };
        foreach (var (value, c) in values)
        {
            acc.Values[value] = c;
        }

        if (distinct)
        {
            var pairs = reader.ReadVarInt64();
            for (var i = 0L; i < pairs; i++)
            {
                var value = reader.ReadDouble();
                var frequency = reader.ReadVarInt64();
                acc.Distinct![(value, frequency)] = reader.ReadVarInt64();
            }
        }

        return acc;
    }

    private double[] ReadPercentages(ColumnVector column, int row)
    {
        if (column.IsNull(row))
        {
            throw new SluiceException($"PERCENTILE ({Call.Name}): the percentage is NULL.", ErrorDomain.User);
        }

        double[] percentages;
        if (column is ListVector list)
        {
            var (start, count) = list.GetRange(row);
            percentages = new double[count];
            for (var i = 0; i < count; i++)
            {
                var element = list.Elements.GetValue(start + i)
                    ?? throw new SluiceException($"PERCENTILE ({Call.Name}): a percentage in the array is NULL.", ErrorDomain.User);
                percentages[i] = Convert.ToDouble(element, CultureInfo.InvariantCulture);
            }
        }
        else
        {
            percentages = [((PrimitiveVector<double>)column).Values[row]];
        }

        foreach (var p in percentages)
        {
            if (!(p >= 0.0 && p <= 1.0))
            {
                throw new SluiceException(string.Create(CultureInfo.InvariantCulture,
                    $"PERCENTILE ({Call.Name}): Percentage of PERCENTILE should be between [0.0, 1.0], but was '{p}'."), ErrorDomain.User);
            }
        }

        return percentages;
    }

    private static void Add(Dictionary<double, long> values, double value, long delta)
    {
        var count = values.GetValueOrDefault(value) + delta;
        if (count == 0)
        {
            values.Remove(value);
        }
        else
        {
            values[value] = count;
        }
    }

    private static void SetDistinct(Dictionary<(double Value, long Frequency), long> distinct, (double Value, long Frequency) pair, long count)
    {
        if (count == 0)
        {
            distinct.Remove(pair);
        }
        else
        {
            distinct[pair] = count;
        }
    }

    private static ArgumentException Invalid(AggregateCall call, string reason) => new($"Aggregate {call.Name} ({call}) {reason}.");

    private sealed class Counts(bool distinct)
    {
        public double[]? Percentages { get; set; }

        /// <summary>Each value's count (the sum of its rows' frequencies).</summary>
        public Dictionary<double, long> Values { get; } = [];

        /// <summary>For DISTINCT: the count of each (value, frequency) pair.</summary>
        public Dictionary<(double Value, long Frequency), long>? Distinct { get; } = distinct ? [] : null;
    }

    /// <summary>Java's <c>Double.compare</c> order: -0.0 before 0.0, NaN after everything.</summary>
    private sealed class JavaDoubleOrder : IComparer<double>
    {
        public static readonly JavaDoubleOrder Instance = new();

        public int Compare(double x, double y) =>
            AggregateValue.FromDouble(x).CompareTo(AggregateValue.FromDouble(y));
    }
}
