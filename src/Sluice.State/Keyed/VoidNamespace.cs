using Sluice.Core.Serialization;

namespace Sluice.State.Keyed;

/// <summary>The single namespace of state that is not namespaced. It serializes to nothing.</summary>
public readonly record struct VoidNamespace
{
    /// <summary>The one value.</summary>
    public static VoidNamespace Instance => default;

    /// <summary>The serializer of <see cref="VoidNamespace"/>: writes and reads zero bytes.</summary>
    public static ITypeSerializer<VoidNamespace> Serializer { get; } = new VoidNamespaceSerializer();

    private sealed class VoidNamespaceSerializer : ITypeSerializer<VoidNamespace>
    {
        public void Serialize(VoidNamespace value, BinaryBufferWriter writer)
        {
        }

        public VoidNamespace Deserialize(BinaryBufferReader reader) => default;
    }
}
