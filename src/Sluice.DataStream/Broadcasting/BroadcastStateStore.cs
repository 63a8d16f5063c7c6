using Sluice.State.Keyed;
using Sluice.State.Operator;

namespace Sluice.DataStream.Broadcasting;

/// <summary>The broadcast states of one operator subtask, declared (and restored) when the operator opens.</summary>
/// <remarks><b>Threading.</b> Task thread only.</remarks>
internal sealed class BroadcastStateStore
{
    private readonly Dictionary<string, IBroadcastStateSnapshot> _states = new(StringComparer.Ordinal);

    public BroadcastStateStore(OperatorStateStore store, IReadOnlyList<BroadcastStateSpec> specs)
    {
        foreach (var spec in specs)
        {
            _states.Add(spec.Name, spec.Create(store));
        }
    }

    public IBroadcastState<TK, TV> Get<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!_states.TryGetValue(descriptor.Name, out var state))
        {
            throw new InvalidOperationException(
                $"There is no broadcast state '{descriptor.Name}': declare it in Broadcast(descriptor) of the broadcast stream.");
        }

        return state as IBroadcastState<TK, TV> ?? throw new InvalidOperationException(
            $"The broadcast state '{descriptor.Name}' was declared with other key or value types than <{typeof(TK).Name}, {typeof(TV).Name}>.");
    }

    public void Snapshot(int subtaskIndex)
    {
        foreach (var state in _states.Values)
        {
            state.Snapshot(subtaskIndex);
        }
    }
}
