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
/// <para><b>Blocks.</b> A key's entries are one block of its side's <see cref="JoinRowsArena"/> (<see cref="Arena"/>): appending
/// to a full block moves the entries to a larger one, and blocks that are no longer used go back to the arena.</para>
/// <para><b>Threading.</b> The operations change only the blocks they are given and the arena: the task thread of the side
/// that owns the arena.</para>
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

    /// <summary>An arena without pooling: it holds no state, so layouts of every thread can share it.</summary>
    private static readonly JoinRowsArena Unpooled = new(pooled: false);

    private readonly int _timestampOffset;

    /// <summary>Creates the layout.</summary>
    /// <param name="hasMatches">Entries carry the number of matching rows on the other side (an outer side).</param>
    /// <param name="hasTimestamps">Entries carry a TTL timestamp.</param>
    /// <param name="arena">Where the blocks of rows come from and go back to; null for an array per key, not pooled.</param>
    public JoinRowsLayout(bool hasMatches, bool hasTimestamps, JoinRowsArena? arena = null)
    {
        Arena = arena ?? Unpooled;
        HasMatches = hasMatches;
        HasTimestamps = hasTimestamps;
        _timestampOffset = hasMatches ? 16 : 8;
        HeaderSize = 8 + (hasMatches ? 8 : 0) + (hasTimestamps ? 8 : 0);
    }

    /// <summary>The blocks of rows of this layout's operations.</summary>
    public JoinRowsArena Arena { get; }

    /// <summary>The layout of <paramref name="flags"/> (as <see cref="Flags"/> gives them), unpooled.</summary>
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
    /// <paramref name="rows"/> with a new last entry. When the block is full the rows move to a larger block (the old one
    /// goes back to the arena), so the result may be in another block. A new key's block fits its first row (most keys
    /// have few rows).
    /// </summary>
    public JoinRows Append(JoinRows rows, ReadOnlySpan<byte> row, int count, long matches, long timestamp)
    {
        var size = HeaderSize + row.Length;
        if (rows.Buffer is null || rows.Capacity - rows.Length < size)
        {
            // By half (then up to the arena's class): doubling left a third more memory unused in the blocks of keys that
            // stopped growing (measured on Nexmark bids: 350 vs 298 bytes per stored bid), for half the copying. Growing
            // by a quarter would leave less unused still, but keys that all keep growing (no new keys to take the blocks
            // they outgrew) would then fill the free lists twice as fast.
            var wanted = rows.Buffer is null
                ? size
                : (int)Math.Max(rows.Length + (long)size, Math.Min(Array.MaxLength, rows.Capacity + (rows.Capacity / 2L)));
            rows = MoveTo(rows, wanted);
        }

        var buffer = rows.Buffer!;
        var target = buffer.AsSpan(rows.End, size);
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
        return rows with { Length = rows.Length + size, Entries = rows.Entries + 1 };
    }

    /// <summary>
    /// Rows of <paramref name="entries"/> entries whose bytes are <paramref name="bytes"/> (in this layout, validated), in
    /// a block of the arena that fits them.
    /// </summary>
    public JoinRows Copy(ReadOnlySpan<byte> bytes, int entries)
    {
        if (entries == 0)
        {
            return default;
        }

        var block = Arena.Allocate(bytes.Length);
        bytes.CopyTo(block.Buffer.AsSpan(block.Offset, bytes.Length));
        return new JoinRows(block.Buffer, block.Offset, bytes.Length, entries, block.Capacity);
    }

    /// <summary>Gives the block of <paramref name="rows"/> back to the arena (the key has no rows left).</summary>
    public void Release(JoinRows rows)
    {
        if (rows.Buffer is not null)
        {
            Arena.Free(rows.Buffer, rows.Offset, rows.Capacity);
        }
    }

    /// <summary>The offset of the first entry whose row is <paramref name="row"/>, or -1.</summary>
    public int Find(JoinRows rows, ReadOnlySpan<byte> row)
    {
        var buffer = rows.Buffer;
        var end = rows.End;
        for (var entry = rows.Offset; entry < end; entry = Next(buffer!, entry))
        {
            if (RowLength(buffer!, entry) == row.Length && buffer.AsSpan(entry + HeaderSize, row.Length).SequenceEqual(row))
            {
                return entry;
            }
        }

        return -1;
    }

    /// <summary>
    /// <paramref name="rows"/> without the entry at <paramref name="entry"/> (the later entries move down, in order); the
    /// block goes back to the arena when no entry is left, and the rows move to a smaller block when a large one is
    /// mostly empty.
    /// </summary>
    public JoinRows RemoveAt(JoinRows rows, int entry)
    {
        var buffer = rows.Buffer!;
        if (rows.Entries == 1)
        {
            Release(rows);
            return default;
        }

        var next = Next(buffer, entry);
        buffer.AsSpan(next, rows.End - next).CopyTo(buffer.AsSpan(entry));
        rows = rows with { Length = rows.Length - (next - entry), Entries = rows.Entries - 1 };
        if (rows.Capacity > 256 && rows.Length < rows.Capacity / 4)
        {
            // Mostly empty after retractions: give the memory back.
            rows = MoveTo(rows, rows.Length);
        }

        return rows;
    }

    /// <summary>
    /// <paramref name="rows"/> with a new entry at offset <paramref name="at"/> (an entry's offset, or
    /// <see cref="JoinRows.End"/>), the later entries moved up, in order. Grows the block as <see cref="Append"/> does, so
    /// the result may be in another block (the entry then starts at the same distance from the block's start).
    /// </summary>
    public JoinRows InsertAt(JoinRows rows, int at, ReadOnlySpan<byte> row, int count, long matches, long timestamp)
    {
        if (rows.Buffer is null || at == rows.End)
        {
            return Append(rows, row, count, matches, timestamp);
        }

        var relative = at - rows.Offset;
        var size = HeaderSize + row.Length;
        if (rows.Capacity - rows.Length < size)
        {
            rows = MoveTo(rows, (int)Math.Max(rows.Length + (long)size, Math.Min(Array.MaxLength, rows.Capacity + (rows.Capacity / 2L))));
        }

        var buffer = rows.Buffer!;
        at = rows.Offset + relative;
        buffer.AsSpan(at, rows.End - at).CopyTo(buffer.AsSpan(at + size));
        var target = buffer.AsSpan(at, size);
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
        return rows with { Length = rows.Length + size, Entries = rows.Entries + 1 };
    }

    /// <summary>
    /// <paramref name="rows"/> without their first entries, those before offset <paramref name="until"/> (an entry's offset,
    /// or <see cref="JoinRows.End"/>; <paramref name="removed"/> of them): the later entries move down, in order. The block
    /// goes back to the arena when no entry is left, and the rows move to a smaller block when a large one is mostly empty.
    /// </summary>
    public JoinRows RemovePrefix(JoinRows rows, int until, int removed)
    {
        if (removed == 0)
        {
            return rows;
        }

        if (removed >= rows.Entries)
        {
            Release(rows);
            return default;
        }

        var buffer = rows.Buffer!;
        buffer.AsSpan(until, rows.End - until).CopyTo(buffer.AsSpan(rows.Offset));
        rows = rows with { Length = rows.End - until, Entries = rows.Entries - removed };
        if (rows.Capacity > 256 && rows.Length < rows.Capacity / 4)
        {
            rows = MoveTo(rows, rows.Length);
        }

        return rows;
    }

    /// <summary>
    /// <paramref name="rows"/> without the entries expired at <paramref name="now"/> (last access at least
    /// <paramref name="ttlMillis"/> before); entries not stamped yet get <paramref name="now"/>. Needs <see cref="HasTimestamps"/>.
    /// The block goes back to the arena when no entry is left.
    /// </summary>
    public JoinRows RemoveExpired(JoinRows rows, long now, long ttlMillis)
    {
        var buffer = rows.Buffer;
        var write = rows.Offset;
        var entries = 0;
        var end = rows.End;
        for (var entry = rows.Offset; entry < end;)
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

        if (entries == rows.Entries)
        {
            return rows;
        }

        if (entries == 0)
        {
            Release(rows);
            return default;
        }

        return rows with { Length = write - rows.Offset, Entries = entries };
    }

    /// <summary>The rows moved into a block of at least <paramref name="size"/> bytes (the old block goes back to the arena).</summary>
    private JoinRows MoveTo(JoinRows rows, int size)
    {
        var block = Arena.Allocate(size);
        if (rows.Buffer is not null)
        {
            rows.Used.CopyTo(block.Buffer.AsSpan(block.Offset, block.Capacity));
            Release(rows);
        }

        return new JoinRows(block.Buffer, block.Offset, rows.Length, rows.Entries, block.Capacity);
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
