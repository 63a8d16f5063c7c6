namespace Sluice.State.Internal;

/// <summary>
/// Constants of the keyed snapshot layout. <see cref="Keyed.KeyGroupsSnapshot.Data"/> starts with a header
/// (<see cref="DataMagic"/> as int32, <see cref="DataVersion"/> as a byte, the key serializer version as a varint);
/// then, per key group: the key group (varint), the state sections (int32 count; per state with entries, sorted by
/// name: name, kind byte, varint count of serializer versions, the versions as varints (namespace serializer first),
/// a flags byte, int32 payload length, payload), and the timer sections (int32 count; per queue with timers, sorted by
/// name: name, namespace serializer version, int32 payload length, payload). A state payload is a varint entry count
/// then per entry: key, namespace, and the kind's value encoding (with varint timestamps when the flags say so).
/// </summary>
internal static class KeyedSnapshotFormat
{
    /// <summary>"SKGD" little-endian: the start of the data of a keyed snapshot.</summary>
    public const int DataMagic = 0x44474B53;

    /// <summary>The layout version of the data.</summary>
    public const byte DataVersion = 1;

    /// <summary>"SKGE" little-endian: the start of a written <see cref="Keyed.KeyGroupsSnapshot"/> envelope.</summary>
    public const int EnvelopeMagic = 0x45474B53;

    /// <summary>The layout version of the envelope.</summary>
    public const byte EnvelopeVersion = 1;

    /// <summary>State section flag: every entry carries its last-access timestamp.</summary>
    public const byte FlagHasTimestamps = 1;
}
