using Sluice.State.Keyed;

namespace Sluice.DataStream.Broadcasting;

/// <summary>A further broadcast state for <see cref="DataStream{T}.Broadcast{TK, TV}"/>, made from a map state descriptor with <see cref="Of{TK, TV}"/>.</summary>
public sealed class BroadcastStateDescriptor
{
    private BroadcastStateDescriptor(BroadcastStateSpec spec)
    {
        Spec = spec;
    }

    internal BroadcastStateSpec Spec { get; }

    /// <summary>A broadcast state with the name, key and value serializers of <paramref name="descriptor"/>.</summary>
    public static BroadcastStateDescriptor Of<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new BroadcastStateDescriptor(new TypedBroadcastStateSpec<TK, TV>(descriptor));
    }
}
