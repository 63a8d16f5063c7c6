using Sluice.DataStream.Broadcasting;
using Sluice.DataStream.Operators;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Functions;

/// <summary>
/// The context of an element (or timer) of the keyed side of a <see cref="KeyedBroadcastProcessFunction{TKey, TIn, TBroadcast, TOut}"/>:
/// the current key, its timers, read-only broadcast states, side outputs and clocks.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only; valid during the call that received it.</remarks>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class KeyedReadOnlyBroadcastContext<TKey> : ProcessContext
    where TKey : notnull
{
    private readonly BroadcastStateStore _states;

    internal KeyedReadOnlyBroadcastContext(OperatorContext context, SideOutputs sideOutputs, BroadcastStateStore states, ITimerService timers)
        : base(context, sideOutputs)
    {
        _states = states;
        Timers = timers;
    }

    /// <summary>The key of the element or timer being processed.</summary>
    public TKey Key { get; internal set; } = default!;

    /// <summary>Timers of the current key.</summary>
    public ITimerService Timers { get; }

    /// <summary>In <c>OnTimer</c>: the clock of the timer that fired; <see cref="TimeDomain.EventTime"/> elsewhere.</summary>
    public TimeDomain TimeDomain { get; internal set; }

    /// <summary>The broadcast state declared with <paramref name="descriptor"/>, read only.</summary>
    public IReadOnlyBroadcastState<TK, TV> GetBroadcastState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull => _states.Get(descriptor);
}
