using Sluice.Core.Serialization;
using Sluice.DataStream.Windowing;
using Sluice.Runtime.Operators.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Contents of a window with an evictor: every element with its event time; when the window fires the evictor runs,
/// then <c>toInput</c> turns what remains into the window function's input (a reduce or aggregate, or the elements),
/// then the evictor's after phase, and the remaining elements are written back.
/// </summary>
internal sealed class EvictingWindowContents<T, TAgg>(Evictor evictor, Func<IEnumerable<T>, IEnumerable<TAgg>> toInput, ITypeSerializer<T> serializer)
    : WindowContents<T, TAgg>
{
    private readonly List<TimestampedValue<T>> _buffer = [];
    private INamespacedListState<TimeWindow, TimestampedValue<T>>? _state;

    public override WindowContents<T, TAgg> Copy() => new EvictingWindowContents<T, TAgg>(evictor, toInput, serializer);

    public override void Open<TKey>(IKeyedStateBackend<TKey> backend) =>
        _state = backend.GetListState(
            new ListStateDescriptor<TimestampedValue<T>>("window-contents", new TimestampedValueSerializer<T>(serializer)), TimeWindowSerializer.Instance);

    public override void SetWindow(TimeWindow window) => _state!.SetCurrentNamespace(window);

    public override void Add(T value, long timestamp) => _state!.Add(new TimestampedValue<T>(value, timestamp));

    public override bool TryGet(TimeWindow window, long watermark, out IEnumerable<TAgg> input)
    {
        _buffer.Clear();
        _buffer.AddRange(_state!.Get());
        if (_buffer.Count == 0)
        {
            input = [];
            return false;
        }

        evictor.EvictBefore(_buffer, window, watermark);
        input = toInput(_buffer.Select(e => e.Value)).ToList();
        return true;
    }

    public override void AfterFire(TimeWindow window, long watermark)
    {
        evictor.EvictAfter(_buffer, window, watermark);
        _state!.Update(_buffer);
        _buffer.Clear();
    }

    public override void Clear() => _state!.Clear();

    public override void Merge(TimeWindow target, IReadOnlyList<TimeWindow> sources) => _state!.MergeNamespaces(target, sources);
}
