using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>MIN</c>/<c>MAX</c> over an insert-only input (Flink's <c>MinAggFunction</c>/<c>MaxAggFunction</c>): the
/// accumulator is the extremum so far, one value, instead of <see cref="MinMaxFunction"/>'s counted multiset that
/// retractions need. A retraction is a planning error that reached execution and fails loudly.
/// </summary>
internal sealed class ExtremumFunction(AggregateCall call) : AggregateFunction(call)
{
    private readonly bool _max = call.Kind == AggregateKind.Max;

    public override object CreateAccumulator() => new Extremum();

    public override void Accumulate(object accumulator, in AggregateValue value, long order) => ((Extremum)accumulator).Offer(value, _max);

    public override void Retract(object accumulator, in AggregateValue value) =>
        throw new InvalidOperationException(
            $"{Call.Kind} ({Call.Name}) was planned for an insert-only input but received a retraction; the planner must use the retractable MIN/MAX.");

    public override void Merge(object target, object source)
    {
        if (((Extremum)source).Value is { } value)
        {
            ((Extremum)target).Offer(value, _max);
        }
    }

    public override bool TryReset(object accumulator)
    {
        ((Extremum)accumulator).Value = null;
        return true;
    }

    public override AggregateValue? GetResult(object accumulator) => ((Extremum)accumulator).Value;

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var value = ((Extremum)accumulator).Value;
        writer.WriteBoolean(value.HasValue);
        value?.Write(writer);
    }

    public override object Read(BinaryBufferReader reader) =>
        new Extremum { Value = reader.ReadBoolean() ? AggregateValue.ReadFrom(reader) : null };

    private sealed class Extremum
    {
        public AggregateValue? Value { get; set; }

        public void Offer(in AggregateValue value, bool max)
        {
            if (Value is not { } current || (max ? value.CompareTo(current) > 0 : value.CompareTo(current) < 0))
            {
                Value = value;
            }
        }
    }
}
