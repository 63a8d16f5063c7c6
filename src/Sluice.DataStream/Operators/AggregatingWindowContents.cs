using Sluice.Core.Serialization;
using Sluice.Runtime.Operators.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>Contents aggregated incrementally: one accumulator per key and window.</summary>
internal sealed class AggregatingWindowContents<T, TAcc, TOut>(IAggregateFunction<T, TAcc, TOut> aggregate, ITypeSerializer<TAcc> serializer)
    : WindowContents<T, TOut>
{
    private readonly TOut[] _single = new TOut[1];
    private INamespacedValueState<TimeWindow, TAcc>? _state;

    public override WindowContents<T, TOut> Copy() => new AggregatingWindowContents<T, TAcc, TOut>(aggregate, serializer);

    public override void Open<TKey>(IKeyedStateBackend<TKey> backend) =>
        _state = backend.GetValueState(new ValueStateDescriptor<TAcc>("window-contents", serializer), TimeWindowSerializer.Instance);

    public override void SetWindow(TimeWindow window) => _state!.SetCurrentNamespace(window);

    public override void Add(T value, long timestamp)
    {
        var state = _state!;
        state.Update(aggregate.Add(value, state.TryGet(out var acc) ? acc : aggregate.CreateAccumulator()));
    }

    public override bool TryGet(TimeWindow window, long watermark, out IEnumerable<TOut> input)
    {
        if (_state!.TryGet(out var acc))
        {
            _single[0] = aggregate.GetResult(acc);
            input = _single;
            return true;
        }

        input = [];
        return false;
    }

    public override void Clear() => _state!.Clear();

    public override void Merge(TimeWindow target, IReadOnlyList<TimeWindow> sources)
    {
        var state = _state!;
        var has = false;
        TAcc merged = default!;
        foreach (var w in sources)
        {
            state.SetCurrentNamespace(w);
            if (state.TryGet(out var v))
            {
                merged = has ? aggregate.Merge(merged, v) : v;
                has = true;
                state.Clear();
            }
        }

        state.SetCurrentNamespace(target);
        if (state.TryGet(out var t))
        {
            merged = has ? aggregate.Merge(t, merged) : t;
            has = true;
        }

        if (has)
        {
            state.Update(merged);
        }
    }
}
