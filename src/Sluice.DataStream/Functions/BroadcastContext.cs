using Sluice.DataStream.Broadcasting;
using Sluice.DataStream.Operators;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Functions;

/// <summary>The context of a broadcast element: read-write access to the broadcast states, side outputs and clocks.</summary>
/// <remarks><b>Threading.</b> Task thread only; valid during the call that received it.</remarks>
public sealed class BroadcastContext : ProcessContext
{
    private readonly BroadcastStateStore _states;

    internal BroadcastContext(OperatorContext context, SideOutputs sideOutputs, BroadcastStateStore states)
        : base(context, sideOutputs)
    {
        _states = states;
    }

    /// <summary>The broadcast state declared with <paramref name="descriptor"/> (in <c>Broadcast(descriptor)</c>), read-write.</summary>
    public IBroadcastState<TK, TV> GetBroadcastState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull => _states.Get(descriptor);
}
