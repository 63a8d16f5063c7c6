using Sluice.Core.Serialization;
using Sluice.State.Internal;

namespace Sluice.State.Keyed;

/// <summary>
/// Declares a keyed state: its name (unique per operator), its kind, its serializers and an optional time-to-live.
/// The concrete descriptors are <see cref="ValueStateDescriptor{T}"/>, <see cref="ListStateDescriptor{T}"/>,
/// <see cref="MapStateDescriptor{TK, TV}"/>, <see cref="ReducingStateDescriptor{T}"/> and
/// <see cref="AggregatingStateDescriptor{TIn, TAcc, TOut}"/>. Descriptors are immutable and may be shared.
/// </summary>
public abstract class StateDescriptor
{
    private protected StateDescriptor(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The state's name, unique within one backend.</summary>
    public string Name { get; }

    /// <summary>The state's kind.</summary>
    public abstract StateKind Kind { get; }

    /// <summary>The time-to-live of the state's entries; null (the default) means entries never expire.</summary>
    public StateTtlConfig? Ttl { get; init; }

    /// <summary>The versions of the value serializers, in a fixed order per kind (written into snapshots).</summary>
    internal abstract int[] SerializerVersions { get; }

    /// <summary>True when <paramref name="other"/> declares the same state: same kind, types, serializers and TTL.</summary>
    internal bool IsCompatibleWith(StateDescriptor other) =>
        other.GetType() == GetType() && Equals(Ttl, other.Ttl) && SerializersMatch(other);

    /// <summary>True when the serializers of <paramref name="other"/> (of the same type) match this one's.</summary>
    private protected abstract bool SerializersMatch(StateDescriptor other);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} state '{Name}'";

    private protected static bool Same<T>(ITypeSerializer<T> a, ITypeSerializer<T> b) =>
        SerializerIdentity.Same(a, b);
}
