using Sluice.Core.Serialization;

namespace Sluice.State.Keyed;

/// <summary>Declares a <see cref="IMapState{TK, TV}"/>.</summary>
/// <typeparam name="TK">The map's key type.</typeparam>
/// <typeparam name="TV">The map's value type.</typeparam>
public sealed class MapStateDescriptor<TK, TV> : StateDescriptor
    where TK : notnull
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The state's name, unique within one backend.</param>
    /// <param name="keySerializer">The serializer of the map's keys.</param>
    /// <param name="valueSerializer">The serializer of the map's values.</param>
    public MapStateDescriptor(string name, ITypeSerializer<TK> keySerializer, ITypeSerializer<TV> valueSerializer)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(keySerializer);
        ArgumentNullException.ThrowIfNull(valueSerializer);
        KeySerializer = keySerializer;
        ValueSerializer = valueSerializer;
    }

    /// <summary>The serializer of the map's keys.</summary>
    public ITypeSerializer<TK> KeySerializer { get; }

    /// <summary>The serializer of the map's values.</summary>
    public ITypeSerializer<TV> ValueSerializer { get; }

    /// <inheritdoc />
    public override StateKind Kind => StateKind.Map;

    internal override int[] SerializerVersions => [KeySerializer.Version, ValueSerializer.Version];

    private protected override bool SerializersMatch(StateDescriptor other)
    {
        var o = (MapStateDescriptor<TK, TV>)other;
        return Same(KeySerializer, o.KeySerializer) && Same(ValueSerializer, o.ValueSerializer);
    }
}
