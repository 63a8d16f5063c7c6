using Sluice.Core.Errors;
using Sluice.Core.Hashing;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Internal;

namespace Sluice.State.Keyed;

/// <summary>
/// An immutable capture of a keyed backend's state and timers, laid out per key group so that any key group can be
/// restored on its own into a backend of another parallelism.
/// </summary>
/// <remarks>
/// <para><see cref="Data"/> starts with a magic number and a layout version; key group <c>kg</c>'s bytes are
/// <c>Data[Offsets[kg - Range.Start] .. Offsets[kg - Range.Start + 1]]</c>, and <see cref="Offsets"/> has
/// <c>Range.Count + 1</c> entries. Neither array may be modified after construction.</para>
/// <para><b>Threading.</b> Immutable: safe to read from any thread, e.g. while a checkpoint writer writes it out.</para>
/// </remarks>
public sealed class KeyGroupsSnapshot
{
    /// <summary>Creates a snapshot over the given arrays, taking ownership of them.</summary>
    /// <exception cref="StateException">The offsets do not fit the range or the data.</exception>
    public KeyGroupsSnapshot(KeyGroupRange range, byte[] data, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(offsets);
        Validate(range, data.Length, offsets);
        Range = range;
        Data = data;
        Offsets = offsets;
    }

    /// <summary>The key groups covered.</summary>
    public KeyGroupRange Range { get; }

    /// <summary>The serialized state: a header, then every key group's bytes in order.</summary>
    public byte[] Data { get; }

    /// <summary>Where each key group's bytes start, plus the end of the last one (<c>Range.Count + 1</c> entries).</summary>
    public int[] Offsets { get; }

    /// <summary>The bytes of key group <paramref name="keyGroup"/>, which must be in <see cref="Range"/>.</summary>
    public ReadOnlyMemory<byte> KeyGroupData(int keyGroup)
    {
        if (!Range.Contains(keyGroup))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(keyGroup), $"Key group {keyGroup} is not in the snapshot's range {Range}.");
        }

        var index = keyGroup - Range.Start;
        return Data.AsMemory(Offsets[index], Offsets[index + 1] - Offsets[index]);
    }

    /// <summary>
    /// Writes the snapshot (magic, version, range, offsets, data, CRC-32C of all of it) so that
    /// <see cref="Read"/> can read it back.
    /// </summary>
    public void Write(BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (header, data, trailer, _) = Envelope();
        writer.WriteRaw(header.Span);
        writer.WriteRaw(data.Span);
        writer.WriteRaw(trailer.Span);
    }

    /// <summary>
    /// The bytes <see cref="Write"/> writes, in three parts so that a caller can write them out without copying
    /// <see cref="Data"/>: the header (magic, version, range, offsets, the data's length), the data itself, and the
    /// trailer (the CRC-32C of header and data); and the CRC-32C of all three, computed in the same single pass over the
    /// data.
    /// </summary>
    public (ReadOnlyMemory<byte> Header, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Trailer, uint Crc) Envelope()
    {
        using var writer = new BinaryBufferWriter(32 + 5 * Offsets.Length);
        writer.WriteInt32(KeyedSnapshotFormat.EnvelopeMagic);
        writer.WriteByte(KeyedSnapshotFormat.EnvelopeVersion);
        writer.WriteInt32(Range.Start);
        writer.WriteInt32(Range.End);
        writer.WriteVarUInt64((ulong)Offsets.Length);
        var previous = 0;
        foreach (var offset in Offsets)
        {
            writer.WriteVarUInt64((ulong)(offset - previous));
            previous = offset;
        }

        writer.WriteVarUInt64((ulong)Data.Length); // the length prefix of the data's bytes
        var header = writer.WrittenSpan.ToArray();
        var inner = Crc32C.Append(Crc32C.Compute(header), Data);
        var trailer = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(trailer, (int)inner);
        return (header, Data, trailer, Crc32C.Append(inner, trailer));
    }

    /// <summary>Reads a snapshot written by <see cref="Write"/>.</summary>
    /// <exception cref="StateException">The bytes are corrupt, truncated or of an unknown version.</exception>
    public static KeyGroupsSnapshot Read(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        if (reader.ReadInt32() != KeyedSnapshotFormat.EnvelopeMagic)
        {
            ThrowHelper.ThrowCorrupt($"Not a keyed state snapshot: bad magic number at position {start}.");
        }

        var version = reader.ReadByte();
        if (version != KeyedSnapshotFormat.EnvelopeVersion)
        {
            ThrowHelper.ThrowCorrupt($"Unsupported keyed state snapshot version {version} (expected {KeyedSnapshotFormat.EnvelopeVersion}).");
        }

        var range = new KeyGroupRange(reader.ReadInt32(), reader.ReadInt32());
        var count = reader.ReadVarUInt64();
        if (count != (ulong)range.Count + 1 || count > (ulong)reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"Keyed state snapshot for {range} has {count} offsets; expected {range.Count + 1}.");
        }

        var offsets = new int[(int)count];
        long previous = 0;
        for (var i = 0; i < offsets.Length; i++)
        {
            previous += (long)reader.ReadVarUInt64();
            if (previous > int.MaxValue)
            {
                ThrowHelper.ThrowCorrupt("Keyed state snapshot offset out of range.");
            }

            offsets[i] = (int)previous;
        }

        var data = reader.ReadBytes().ToArray();
        var end = reader.Position;
        reader.Position = start;
        var crc = Crc32C.Compute(reader.ReadRaw(end - start));
        var stored = (uint)reader.ReadInt32();
        if (crc != stored)
        {
            ThrowHelper.ThrowCorrupt($"Keyed state snapshot checksum mismatch (stored 0x{stored:X8}, computed 0x{crc:X8}).");
        }

        return new KeyGroupsSnapshot(range, data, offsets);
    }

    /// <inheritdoc />
    public override string ToString() => $"KeyGroupsSnapshot {Range}, {Data.Length} bytes";

    private static void Validate(KeyGroupRange range, int dataLength, int[] offsets)
    {
        if (offsets.Length != range.Count + 1)
        {
            ThrowHelper.ThrowCorrupt($"A keyed snapshot for {range} needs {range.Count + 1} offsets, not {offsets.Length}.");
        }

        var previous = 0;
        foreach (var offset in offsets)
        {
            if (offset < previous || offset > dataLength)
            {
                ThrowHelper.ThrowCorrupt($"Keyed snapshot offsets are not ascending within the data ({dataLength} bytes).");
            }

            previous = offset;
        }

        if (offsets[^1] != dataLength)
        {
            ThrowHelper.ThrowCorrupt($"Keyed snapshot offsets end at {offsets[^1]}, but the data has {dataLength} bytes.");
        }
    }
}
