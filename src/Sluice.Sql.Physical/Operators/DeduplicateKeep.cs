namespace Sluice.Sql.Physical.Operators;

/// <summary>Which row per key a <see cref="DeduplicateOperator"/> keeps.</summary>
public enum DeduplicateKeep
{
    /// <summary>The first row (<c>ROW_NUMBER() OVER (PARTITION BY k ORDER BY proctime ASC) = 1</c>): insert-only output.</summary>
    FirstRow,

    /// <summary>The last row (<c>ORDER BY proctime DESC</c>): an updating output.</summary>
    LastRow,
}
