using Sluice.Core.Serialization;

namespace Sluice.State.Keyed;

/// <summary>Declares a <see cref="IReducingState{T}"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ReducingStateDescriptor<T> : StateDescriptor
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The state's name, unique within one backend.</param>
    /// <param name="reduce">Folds the stored value (first argument) with a new one (second argument); must be associative.</param>
    /// <param name="serializer">The value serializer.</param>
    public ReducingStateDescriptor(string name, Func<T, T, T> reduce, ITypeSerializer<T> serializer)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        ArgumentNullException.ThrowIfNull(serializer);
        Reduce = reduce;
        Serializer = serializer;
    }

    /// <summary>The reduce function.</summary>
    public Func<T, T, T> Reduce { get; }

    /// <summary>The value serializer.</summary>
    public ITypeSerializer<T> Serializer { get; }

    /// <inheritdoc />
    public override StateKind Kind => StateKind.Reducing;

    internal override int[] SerializerVersions => [Serializer.Version];

    private protected override bool SerializersMatch(StateDescriptor other) =>
        Same(Serializer, ((ReducingStateDescriptor<T>)other).Serializer);
}
