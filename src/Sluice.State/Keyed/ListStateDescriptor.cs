using Sluice.Core.Serialization;

namespace Sluice.State.Keyed;

/// <summary>Declares a <see cref="IListState{T}"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ListStateDescriptor<T> : StateDescriptor
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The state's name, unique within one backend.</param>
    /// <param name="elementSerializer">The element serializer.</param>
    public ListStateDescriptor(string name, ITypeSerializer<T> elementSerializer)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(elementSerializer);
        ElementSerializer = elementSerializer;
    }

    /// <summary>The element serializer.</summary>
    public ITypeSerializer<T> ElementSerializer { get; }

    /// <inheritdoc />
    public override StateKind Kind => StateKind.List;

    internal override int[] SerializerVersions => [ElementSerializer.Version];

    private protected override bool SerializersMatch(StateDescriptor other) =>
        Same(ElementSerializer, ((ListStateDescriptor<T>)other).ElementSerializer);
}
