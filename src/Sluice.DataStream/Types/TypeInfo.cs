using Sluice.Core.Keys;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Types;

/// <summary>An <see cref="ITypeInfo{T}"/> from a serializer and a hasher. Immutable and thread-safe.</summary>
/// <typeparam name="T">The described type.</typeparam>
public sealed class TypeInfo<T> : ITypeInfo<T>
{
    /// <summary>Creates the type information.</summary>
    /// <param name="serializer">The serializer.</param>
    /// <param name="hasher">The stable hasher; null hashes the serialized bytes.</param>
    public TypeInfo(ITypeSerializer<T> serializer, IKeyHasher<T>? hasher = null)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        Serializer = serializer;
        Hasher = hasher ?? KeyHashers.FromSerializer(serializer);
    }

    /// <inheritdoc />
    public ITypeSerializer<T> Serializer { get; }

    /// <inheritdoc />
    public IKeyHasher<T> Hasher { get; }

    /// <inheritdoc />
    public override string ToString() => $"TypeInfo<{typeof(T).Name}>";
}
