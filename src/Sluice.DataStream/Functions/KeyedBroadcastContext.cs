using Sluice.DataStream.Broadcasting;
using Sluice.DataStream.Operators;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Functions;

/// <summary>
/// The context of a broadcast element of a <see cref="KeyedBroadcastProcessFunction{TKey, TIn, TBroadcast, TOut}"/>:
/// read-write access to the broadcast states, and <see cref="ApplyToKeyedState"/> to visit the keyed state of every key
/// this subtask holds. There is no current key otherwise.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only; valid during the call that received it.</remarks>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class KeyedBroadcastContext<TKey> : ProcessContext
    where TKey : notnull
{
    private readonly BroadcastStateStore _states;
    private readonly Action<string, Action<TKey>> _applyToKeyedState;

    internal KeyedBroadcastContext(OperatorContext context, SideOutputs sideOutputs, BroadcastStateStore states,
        Action<string, Action<TKey>> applyToKeyedState)
        : base(context, sideOutputs)
    {
        _states = states;
        _applyToKeyedState = applyToKeyedState;
    }

    /// <summary>The broadcast state declared with <paramref name="descriptor"/> (in <c>Broadcast(descriptor)</c>), read-write.</summary>
    public IBroadcastState<TK, TV> GetBroadcastState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull => _states.Get(descriptor);

    /// <summary>
    /// Calls <paramref name="function"/> for every key of this subtask that has a value in the keyed state named
    /// <paramref name="stateName"/>, with that key set as the current key: the state handles the function declared in
    /// <c>Open</c> read and update that key's state (Flink's <c>applyToKeyedState</c>).
    /// </summary>
    public void ApplyToKeyedState(string stateName, Action<TKey> function)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(function);
        _applyToKeyedState(stateName, function);
    }
}
