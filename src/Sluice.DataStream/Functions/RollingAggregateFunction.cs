using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Functions;

/// <summary>The keyed rolling aggregation: the accumulator per key in value state, the result emitted after every element.</summary>
internal sealed class RollingAggregateFunction<TKey, T, TAcc, TOut>(IAggregateFunction<T, TAcc, TOut> aggregate, ITypeSerializer<TAcc> serializer)
    : KeyedProcessFunction<TKey, T, TOut>
    where TKey : notnull
{
    private IValueState<TAcc>? _accumulator;

    public override void Open(RuntimeContext context) =>
        _accumulator = context.GetValueState(new ValueStateDescriptor<TAcc>("aggregate", serializer));

    public override void ProcessElement(T value, KeyedProcessContext<TKey> context, Collector<TOut> output)
    {
        var state = _accumulator!;
        var acc = aggregate.Add(value, state.TryGet(out var current) ? current : aggregate.CreateAccumulator());
        state.Update(acc);
        output.Collect(aggregate.GetResult(acc));
    }
}
