namespace Sluice.State.Heap;

/// <summary>A restored timer queue that was not declared yet: its raw payload per key group of the backend.</summary>
internal sealed class PendingTimerQueue
{
    public PendingTimerQueue(int namespaceSerializerVersion, int keyGroupCount)
    {
        NamespaceSerializerVersion = namespaceSerializerVersion;
        Payloads = new ReadOnlyMemory<byte>[keyGroupCount];
    }

    /// <summary>The namespace serializer version it was written with.</summary>
    public int NamespaceSerializerVersion { get; }

    /// <summary>The payload per key group index; empty where the key group had no timer.</summary>
    public ReadOnlyMemory<byte>[] Payloads { get; }
}
