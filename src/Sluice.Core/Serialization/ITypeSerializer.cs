namespace Sluice.Core.Serialization;

/// <summary>
/// Writes and reads values of <typeparamref name="T"/> for state, snapshots and splits. Serializers are
/// declared, never found by reflection per record. Implementations are stateless and thread-safe.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public interface ITypeSerializer<T>
{
    /// <summary>The version of the written format; written into snapshots so that a change is detected.</summary>
    int Version => 1;

    /// <summary>Writes <paramref name="value"/>.</summary>
    void Serialize(T value, BinaryBufferWriter writer);

    /// <summary>Reads a value written by <see cref="Serialize"/>.</summary>
    T Deserialize(BinaryBufferReader reader);
}
