using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>
/// A restored keyed state that was not declared yet: its metadata and, per key group of the backend, the raw
/// payload (a slice of the immutable snapshot data) and flags.
/// </summary>
internal sealed class PendingState
{
    public PendingState(StateKind kind, int[] serializerVersions, int keyGroupCount)
    {
        Kind = kind;
        SerializerVersions = serializerVersions;
        Payloads = new ReadOnlyMemory<byte>[keyGroupCount];
        Flags = new byte[keyGroupCount];
    }

    /// <summary>The kind the state was written as.</summary>
    public StateKind Kind { get; }

    /// <summary>The serializer versions it was written with (namespace serializer first).</summary>
    public int[] SerializerVersions { get; }

    /// <summary>The payload per key group index; empty where the key group had no entry.</summary>
    public ReadOnlyMemory<byte>[] Payloads { get; }

    /// <summary>The section flags per key group index.</summary>
    public byte[] Flags { get; }
}
