using Sluice.State.Keyed;
using Sluice.State.Operator;

namespace Sluice.DataStream.Broadcasting;

/// <summary>The spec of a broadcast state with keys <typeparamref name="TK"/> and values <typeparamref name="TV"/>.</summary>
internal sealed class TypedBroadcastStateSpec<TK, TV>(MapStateDescriptor<TK, TV> descriptor) : BroadcastStateSpec
    where TK : notnull
{
    public override string Name => descriptor.Name;

    public override IBroadcastStateSnapshot Create(OperatorStateStore store) => new BroadcastState<TK, TV>(store, descriptor);
}
