namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// The stored rows of one join key on one side of a regular join: entries laid out back to back in one byte array
/// (see <see cref="JoinRowsLayout"/>), so that a key's rows are one object for the garbage collector however many
/// they are. A value (not a reference) kept in a value state: changing the rows makes a new value that is stored back.
/// </summary>
/// <param name="Buffer">The entries in <c>Buffer[0..Length]</c>; what follows is spare capacity. Null for no rows.</param>
/// <param name="Length">The bytes in use.</param>
/// <param name="Entries">The number of entries (distinct stored rows, each with its own count).</param>
internal readonly record struct JoinRows(byte[]? Buffer, int Length, int Entries)
{
    /// <summary>True when there is no entry.</summary>
    public bool IsEmpty => Entries == 0;

    /// <summary>The bytes in use.</summary>
    public ReadOnlySpan<byte> Used => Buffer.AsSpan(0, Length);
}
