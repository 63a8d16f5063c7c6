using Sluice.DataStream.Broadcasting;
using Sluice.DataStream.Operators;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Functions;

/// <summary>The context of a non-broadcast element: read-only access to the broadcast states, side outputs and clocks.</summary>
/// <remarks><b>Threading.</b> Task thread only; valid during the call that received it.</remarks>
public sealed class ReadOnlyBroadcastContext : ProcessContext
{
    private readonly BroadcastStateStore _states;

    internal ReadOnlyBroadcastContext(OperatorContext context, SideOutputs sideOutputs, BroadcastStateStore states)
        : base(context, sideOutputs)
    {
        _states = states;
    }

    /// <summary>The broadcast state declared with <paramref name="descriptor"/>, read only.</summary>
    public IReadOnlyBroadcastState<TK, TV> GetBroadcastState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull => _states.Get(descriptor);
}
