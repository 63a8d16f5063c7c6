using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Functions;

/// <summary>The keyed rolling reduce: the reduced value per key in value state, emitted after every element.</summary>
internal sealed class RollingReduceFunction<TKey, T>(Func<T, T, T> reduce, ITypeSerializer<T> serializer) : KeyedProcessFunction<TKey, T, T>
    where TKey : notnull
{
    private IValueState<T>? _value;

    public override void Open(RuntimeContext context) =>
        _value = context.GetValueState(new ValueStateDescriptor<T>("reduce", serializer));

    public override void ProcessElement(T value, KeyedProcessContext<TKey> context, Collector<T> output)
    {
        var state = _value!;
        var next = state.TryGet(out var current) ? reduce(current, value) : value;
        state.Update(next);
        output.Collect(next);
    }
}
