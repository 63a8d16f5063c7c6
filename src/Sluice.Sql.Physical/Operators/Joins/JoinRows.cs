namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// The stored rows of one join key on one side of a regular join: entries laid out back to back in one block of bytes
/// (see <see cref="JoinRowsLayout"/>; the block is a slice of a large page of the side's <see cref="JoinRowsArena"/>, or
/// an array of its own), so that a key's rows are no object of their own for the garbage collector however many they
/// are. A value (not a reference) kept in a value state: changing the rows makes a new value that is stored back.
/// </summary>
/// <param name="Buffer">The entries in <c>Buffer[Offset .. Offset + Length]</c>; up to <paramref name="Capacity"/> bytes from
/// <paramref name="Offset"/> belong to this key. Null for no rows.</param>
/// <param name="Offset">Where the block starts in <paramref name="Buffer"/> (its first entry).</param>
/// <param name="Length">The bytes in use.</param>
/// <param name="Entries">The number of entries (distinct stored rows, each with its own count).</param>
/// <param name="Capacity">The size of the block.</param>
internal readonly record struct JoinRows(byte[]? Buffer, int Offset, int Length, int Entries, int Capacity)
{
    /// <summary>True when there is no entry.</summary>
    public bool IsEmpty => Entries == 0;

    /// <summary>The offset just past the last entry.</summary>
    public int End => Offset + Length;

    /// <summary>The bytes in use.</summary>
    public ReadOnlySpan<byte> Used => Buffer.AsSpan(Offset, Length);
}
