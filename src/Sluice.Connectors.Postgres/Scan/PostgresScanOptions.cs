using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Postgres.Scan;

/// <summary>The settings of a <see cref="PostgresScanSource"/>. Immutable.</summary>
internal sealed record PostgresScanOptions
{
    public required string Connector { get; init; }

    public required string ConnectionString { get; init; }

    public required TableName Table { get; init; }

    /// <summary>The produced columns (read by name).</summary>
    public required Schema Schema { get; init; }

    /// <summary>The primary key's column indexes in <see cref="Schema"/>: the scan order; empty to order by <c>ctid</c>.</summary>
    public IReadOnlyList<int> KeyColumns { get; init; } = [];

    /// <summary>The partition column, or null for a single split.</summary>
    public string? PartitionColumn { get; init; }

    public int PartitionCount { get; init; } = 1;

    /// <summary>The smallest value of the first split's range (a value of the partition column, <see cref="PartitionBounds"/>).</summary>
    public object? LowerBound { get; init; }

    /// <summary>The largest value of the last split's range.</summary>
    public object? UpperBound { get; init; }

    /// <summary>What the job reads of <see cref="Schema"/> (null: everything); the scan selects only those columns and the key.</summary>
    public ColumnReads? Reads { get; init; }

    /// <summary>True when the scan selects column <paramref name="column"/>: read by the job, or a key column (the position).</summary>
    public bool Selects(int column) => Reads is null || Reads.IsRead(column) || KeyColumns.Contains(column);

    /// <summary>Rows per query (and at most per batch).</summary>
    public int FetchSize { get; init; } = 1000;

    public int MaxRetries { get; init; } = 3;
}
