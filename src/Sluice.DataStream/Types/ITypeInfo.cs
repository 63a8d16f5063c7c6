using Sluice.Core.Keys;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Types;

/// <summary>
/// What the DataStream API needs to know about a type used as a key or in state: a declared serializer (for
/// checkpoints and savepoints) and a stable hasher (for hash partitioning and key groups). Resolved once when the
/// job is built, never by reflection per record.
/// </summary>
/// <typeparam name="T">The described type.</typeparam>
public interface ITypeInfo<T>
{
    /// <summary>Writes values into state and snapshots.</summary>
    ITypeSerializer<T> Serializer { get; }

    /// <summary>The stable hash of a value used as a key: the same in every process and release.</summary>
    IKeyHasher<T> Hasher { get; }
}
