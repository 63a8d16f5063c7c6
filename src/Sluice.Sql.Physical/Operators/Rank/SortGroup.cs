namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>The rows of one sort key in a <see cref="TopNBuffer"/>, in tie order (normally arrival order).</summary>
internal sealed class SortGroup
{
    public SortGroup(byte[] key) => Key = key;

    /// <summary>The encoded sort key (<see cref="SortKeyEncoder"/>).</summary>
    public byte[] Key { get; }

    /// <summary>The rows with this sort key; equal rows appear once per occurrence.</summary>
    public List<RowData> Rows { get; } = [];
}
