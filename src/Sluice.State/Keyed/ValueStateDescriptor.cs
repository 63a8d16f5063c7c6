using Sluice.Core.Serialization;

namespace Sluice.State.Keyed;

/// <summary>Declares a <see cref="IValueState{T}"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ValueStateDescriptor<T> : StateDescriptor
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The state's name, unique within one backend.</param>
    /// <param name="serializer">The value serializer.</param>
    public ValueStateDescriptor(string name, ITypeSerializer<T> serializer)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        Serializer = serializer;
    }

    /// <summary>The value serializer.</summary>
    public ITypeSerializer<T> Serializer { get; }

    /// <inheritdoc />
    public override StateKind Kind => StateKind.Value;

    internal override int[] SerializerVersions => [Serializer.Version];

    private protected override bool SerializersMatch(StateDescriptor other) =>
        Same(Serializer, ((ValueStateDescriptor<T>)other).Serializer);
}
