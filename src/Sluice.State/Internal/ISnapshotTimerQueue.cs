using Sluice.Core.Serialization;

namespace Sluice.State.Internal;

/// <summary>What a keyed backend needs from a timer queue to snapshot and restore it per key group.</summary>
internal interface ISnapshotTimerQueue
{
    /// <summary>The queue's name.</summary>
    string Name { get; }

    /// <summary>The namespace serializer (an <c>ITypeSerializer&lt;TNs&gt;</c>).</summary>
    object NamespaceSerializer { get; }

    /// <summary>The namespace serializer's version.</summary>
    int NamespaceSerializerVersion { get; }

    /// <summary>Prepares a snapshot; key groups are then written in ascending order.</summary>
    void BeginSnapshot();

    /// <summary>Writes the payload of one key group; false (nothing written) when it has no timers.</summary>
    bool WriteKeyGroup(int keyGroup, BinaryBufferWriter writer);

    /// <summary>Ends a snapshot, dropping what <see cref="BeginSnapshot"/> prepared.</summary>
    void EndSnapshot();

    /// <summary>Adds the timers of one key group's payload.</summary>
    void ReadKeyGroup(int keyGroup, BinaryBufferReader reader);
}
