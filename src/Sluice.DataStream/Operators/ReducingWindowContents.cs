using Sluice.Core.Serialization;
using Sluice.Runtime.Operators.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>Contents reduced incrementally: one value per key and window.</summary>
internal sealed class ReducingWindowContents<T>(Func<T, T, T> reduce, ITypeSerializer<T> serializer) : WindowContents<T, T>
{
    private readonly T[] _single = new T[1];
    private INamespacedValueState<TimeWindow, T>? _state;

    public override WindowContents<T, T> Copy() => new ReducingWindowContents<T>(reduce, serializer);

    public override void Open<TKey>(IKeyedStateBackend<TKey> backend) =>
        _state = backend.GetValueState(new ValueStateDescriptor<T>("window-contents", serializer), TimeWindowSerializer.Instance);

    public override void SetWindow(TimeWindow window) => _state!.SetCurrentNamespace(window);

    public override void Add(T value, long timestamp)
    {
        var state = _state!;
        state.Update(state.TryGet(out var current) ? reduce(current, value) : value);
    }

    public override bool TryGet(TimeWindow window, long watermark, out IEnumerable<T> input)
    {
        if (_state!.TryGet(out var value))
        {
            _single[0] = value;
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
        T merged = default!;
        foreach (var w in sources)
        {
            state.SetCurrentNamespace(w);
            if (state.TryGet(out var v))
            {
                merged = has ? reduce(merged, v) : v;
                has = true;
                state.Clear();
            }
        }

        state.SetCurrentNamespace(target);
        if (state.TryGet(out var t))
        {
            merged = has ? reduce(t, merged) : t;
            has = true;
        }

        if (has)
        {
            state.Update(merged);
        }
    }
}
