using System.Buffers.Binary;
using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// The layout of the entries of a <see cref="JoinRows"/>, and the operations on them: append, find by the encoded row,
/// remove, read and change counts, match counts and timestamps in place.
/// </summary>
/// <remarks>
/// <para><b>Entry.</b> Little-endian, back to back: the row's length (int32), its count (int32, at least 1), then the
/// number of matching rows on the other side (int64, only for an outer side: <see cref="HasMatches"/>), then the Unix
/// milliseconds of the entry's last TTL-relevant access (int64, only with a time-to-live: <see cref="HasTimestamps"/>),
/// then the row as <see cref="RowEncoder"/> encodes all its columns. Equal rows are equal byte strings, so a
/// retraction finds its row by comparing bytes; equal rows may also be stored as separate entries (an insert appends
/// without looking), which means the same multiset.</para>
/// <para>The layout is persisted (<see cref="JoinRowsSerializer"/> writes the bytes as they are): never change it without
/// a new serializer version.</para>
/// <para><b>Threading.</b> Immutable; the operations change only the arrays they are given.</para>
/// </remarks>
internal sealed class JoinRowsLayout
{
    /// <summary>The flag of a layout with match counts.</summary>
    public const byte MatchesFlag = 1;

    /// <summary>The flag of a layout with timestamps.</summary>
    public const byte TimestampsFlag = 2;

    /// <summary>A timestamp not set yet (rows restored from a form without timestamps): the first access stamps it.</summary>
    public const long Unstamped = long.MinValue;

    private const int CountOffset = 4;
    private const int MatchesOffset = 8;

    private readonly int _timestampOffset;

    /// <summary>Creates the layout.</summary>
    /// <param name="hasMatches">Entries carry the number of matching rows on the other side (an outer side).</param>
    /// <param name="hasTimestamps">Entries carry a TTL timestamp.</param>
    public JoinRowsLayout(bool hasMatches, bool hasTimestamps)
    {
        HasMatches = hasMatches;
        HasTimestamps = hasTimestamps;
        _timestampOffset = hasMatches ? 16 : 8;
        HeaderSize = 8 + (hasMatches ? 8 : 0) + (hasTimestamps ? 8 : 0);
    }

    /// <summary>The layout of <paramref name="flags"/> (as <see cref="Flags"/> gives them).</summary>
    public static JoinRowsLayout Of(byte flags) => new((flags & MatchesFlag) != 0, (flags & TimestampsFlag) != 0);

    /// <summary>Entries carry match counts.</summary>
    public bool HasMatches { get; }

    /// <summary>Entries carry timestamps.</summary>
    public bool HasTimestamps { get; }

    /// <summary>The bytes of an entry before its row.</summary>
    public int HeaderSize { get; }

    /// <summary>The layout as flags (<see cref="MatchesFlag"/>, <see cref="TimestampsFlag"/>).</summary>
    public byte Flags => (byte)((HasMatches ? MatchesFlag : 0) | (HasTimestamps ? TimestampsFlag : 0));

    /// <summary>The length of the row of the entry at <paramref name="entry"/>.</summary>
    public static int RowLength(byte[] buffer, int entry) => BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(entry));

    /// <summary>The count (multiplicity) of the entry at <paramref name="entry"/>.</summary>
    public static int Count(byte[] buffer, int entry) => BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(entry + CountOffset));

    /// <summary>Sets the count of the entry at <paramref name="entry"/>.</summary>
    public static void SetCount(byte[] buffer, int entry, int count) =>
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(entry + CountOffset), count);

    /// <summary>The number of matching rows on the other side of the entry at <paramref name="entry"/> (0 without <see cref="HasMatches"/>).</summary>
    public long Matches(byte[] buffer, int entry) =>
        HasMatches ? BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(entry + MatchesOffset)) : 0;

    /// <summary>Sets the number of matching rows of the entry at <paramref name="entry"/> (ignored without <see cref="HasMatches"/>).</summary>
    public void SetMatches(byte[] buffer, int entry, long matches)
    {
        if (HasMatches)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(entry + MatchesOffset), matches);
        }
    }

    /// <summary>The timestamp of the entry at <paramref name="entry"/> (<see cref="Unstamped"/> without <see cref="HasTimestamps"/>).</summary>
    public long Timestamp(byte[] buffer, int entry) =>
        HasTimestamps ? BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(entry + _timestampOffset)) : Unstamped;

    /// <summary>Sets the timestamp of the entry at <paramref name="entry"/> (ignored without <see cref="HasTimestamps"/>).</summary>
    public void SetTimestamp(byte[] buffer, int entry, long timestamp)
    {
        if (HasTimestamps)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(entry + _timestampOffset), timestamp);
        }
    }

    /// <summary>The encoded row of the entry at <paramref name="entry"/>.</summary>
    public ReadOnlySpan<byte> Row(byte[] buffer, int entry) => buffer.AsSpan(entry + HeaderSize, RowLength(buffer, entry));

    /// <summary>The offset of the entry after the one at <paramref name="entry"/>.</summary>
    public int Next(byte[] buffer, int entry) => entry + HeaderSize + RowLength(buffer, entry);

    /// <summary>
    /// <paramref name="rows"/> with a new last entry; the array grows by half (at least to fit) when it is full, so the
    /// result may hold another array.
    /// </summary>
    public JoinRows Append(JoinRows rows, ReadOnlySpan<byte> row, int count, long matches, long timestamp)
    {
        var size = HeaderSize + row.Length;
        var buffer = rows.Buffer;
        var length = rows.Length;
        if (buffer is null || buffer.Length - length < size)
        {
            // By half: doubling left a third more memory unused in the arrays of keys that stopped growing (measured on
            // Nexmark bids: 350 vs 298 bytes per stored bid), for half the copying. A new key's array fits its first row
            // exactly (most keys have few rows).
            var capacity = buffer is null ? size : (int)Math.Max(length + size, Math.Min(Array.MaxLength, buffer.Length + (buffer.Length / 2L)));
            var grown = GC.AllocateUninitializedArray<byte>(capacity);
            if (buffer is not null)
            {
                buffer.AsSpan(0, length).CopyTo(grown);
            }

            buffer = grown;
        }

        var target = buffer.AsSpan(length, size);
        BinaryPrimitives.WriteInt32LittleEndian(target, row.Length);
        BinaryPrimitives.WriteInt32LittleEndian(target[CountOffset..], count);
        if (HasMatches)
        {
            BinaryPrimitives.WriteInt64LittleEndian(target[MatchesOffset..], matches);
        }

        if (HasTimestamps)
        {
            BinaryPrimitives.WriteInt64LittleEndian(target[_timestampOffset..], timestamp);
        }

        row.CopyTo(target[HeaderSize..]);
        return new JoinRows(buffer, length + size, rows.Entries + 1);
    }

    /// <summary>The offset of the first entry whose row is <paramref name="row"/>, or -1.</summary>
    public int Find(JoinRows rows, ReadOnlySpan<byte> row)
    {
        var buffer = rows.Buffer;
        for (var entry = 0; entry < rows.Length; entry = Next(buffer!, entry))
        {
            if (RowLength(buffer!, entry) == row.Length && buffer.AsSpan(entry + HeaderSize, row.Length).SequenceEqual(row))
            {
                return entry;
            }
        }

        return -1;
    }

    /// <summary><paramref name="rows"/> without the entry at <paramref name="entry"/> (the later entries move down, in order).</summary>
    public JoinRows RemoveAt(JoinRows rows, int entry)
    {
        var buffer = rows.Buffer!;
        var next = Next(buffer, entry);
        buffer.AsSpan(next, rows.Length - next).CopyTo(buffer.AsSpan(entry));
        var length = rows.Length - (next - entry);
        if (rows.Entries == 1)
        {
            return default;
        }

        if (buffer.Length > 256 && length < buffer.Length / 4)
        {
            // Mostly empty after retractions: give the memory back.
            buffer = buffer.AsSpan(0, length).ToArray();
        }

        return new JoinRows(buffer, length, rows.Entries - 1);
    }

    /// <summary>
    /// <paramref name="rows"/> without the entries expired at <paramref name="now"/> (last access at least
    /// <paramref name="ttlMillis"/> before); entries not stamped yet get <paramref name="now"/>. Needs <see cref="HasTimestamps"/>.
    /// </summary>
    public JoinRows RemoveExpired(JoinRows rows, long now, long ttlMillis)
    {
        var buffer = rows.Buffer;
        var write = 0;
        var entries = 0;
        for (var entry = 0; entry < rows.Length;)
        {
            var next = Next(buffer!, entry);
            var timestamp = Timestamp(buffer!, entry);
            if (timestamp == Unstamped)
            {
                SetTimestamp(buffer!, entry, now);
            }
            else if (now - timestamp >= ttlMillis)
            {
                entry = next;
                continue;
            }

            if (write != entry)
            {
                buffer.AsSpan(entry, next - entry).CopyTo(buffer.AsSpan(write));
            }

            write += next - entry;
            entries++;
            entry = next;
        }

        return entries == 0 ? default : new JoinRows(buffer, write, entries);
    }

    /// <summary>
    /// Checks that <paramref name="bytes"/> are <paramref name="entries"/> whole entries of this layout, each with a positive
    /// count; throws a <see cref="StateException"/> naming the problem otherwise (corrupt state).
    /// </summary>
    public void Validate(ReadOnlySpan<byte> bytes, int entries)
    {
        var found = 0;
        for (var entry = 0; entry < bytes.Length; found++)
        {
            if (bytes.Length - entry < HeaderSize)
            {
                throw Corrupt($"an entry at byte {entry} is cut off after {bytes.Length - entry} bytes");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[entry..]);
            var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(entry + CountOffset)..]);
            if (length < 0 || length > bytes.Length - entry - HeaderSize)
            {
                throw Corrupt($"the entry at byte {entry} claims a row of {length} bytes");
            }

            if (count <= 0)
            {
                throw Corrupt($"the entry at byte {entry} has count {count}");
            }

            entry += HeaderSize + length;
        }

        if (found != entries)
        {
            throw Corrupt($"{found} entries were found where {entries} were written");
        }
    }

    private static StateException Corrupt(string what) =>
        new($"Corrupt join state: {what}.", ErrorDomain.External);
}
