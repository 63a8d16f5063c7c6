using Sluice.Core.Serialization;
using Sluice.Runtime.Operators.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>Contents kept as the list of elements (a process window function without pre-aggregation).</summary>
internal sealed class ListWindowContents<T>(ITypeSerializer<T> serializer) : WindowContents<T, T>
{
    private INamespacedListState<TimeWindow, T>? _state;

    public override WindowContents<T, T> Copy() => new ListWindowContents<T>(serializer);

    public override void Open<TKey>(IKeyedStateBackend<TKey> backend) =>
        _state = backend.GetListState(new ListStateDescriptor<T>("window-contents", serializer), TimeWindowSerializer.Instance);

    public override void SetWindow(TimeWindow window) => _state!.SetCurrentNamespace(window);

    public override void Add(T value, long timestamp) => _state!.Add(value);

    public override bool TryGet(TimeWindow window, long watermark, out IEnumerable<T> input)
    {
        input = _state!.Get();
        return input.Any();
    }

    public override void Clear() => _state!.Clear();

    public override void Merge(TimeWindow target, IReadOnlyList<TimeWindow> sources) => _state!.MergeNamespaces(target, sources);
}
