using System.Diagnostics.CodeAnalysis;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Sluice.State.Operator;

namespace Sluice.DataStream.Broadcasting;

/// <summary>
/// One broadcast state of a subtask: a dictionary kept in memory, checkpointed as a union list state of its entries.
/// Only subtask 0 writes its entries (all subtasks hold the same ones), so on restore, at any parallelism, every
/// subtask receives exactly subtask 0's entries.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only.</remarks>
internal sealed class BroadcastState<TK, TV> : IBroadcastState<TK, TV>, IBroadcastStateSnapshot
    where TK : notnull
{
    private readonly Dictionary<TK, TV> _entries = [];
    private readonly IListState<(TK, TV)> _checkpointed;

    public BroadcastState(OperatorStateStore store, MapStateDescriptor<TK, TV> descriptor)
    {
        _checkpointed = store.GetUnionListState("broadcast/" + descriptor.Name, Serializers.Tuple(descriptor.KeySerializer, descriptor.ValueSerializer));
        foreach (var (k, v) in _checkpointed.Get())
        {
            _entries[k] = v;
        }
    }

    public int Count => _entries.Count;

    public bool TryGet(TK key, [MaybeNullWhen(false)] out TV value) => _entries.TryGetValue(key, out value);

    public bool Contains(TK key) => _entries.ContainsKey(key);

    public IEnumerable<KeyValuePair<TK, TV>> Entries() => _entries;

    public void Put(TK key, TV value) => _entries[key] = value;

    public bool Remove(TK key) => _entries.Remove(key);

    public void Clear() => _entries.Clear();

    public void Snapshot(int subtaskIndex) =>
        _checkpointed.Update(subtaskIndex == 0 ? _entries.Select(e => (e.Key, e.Value)).ToList() : []);
}
