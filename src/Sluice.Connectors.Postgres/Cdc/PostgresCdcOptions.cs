using Sluice.Connectors.Postgres.Connection;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>The settings of a <see cref="PostgresCdcSource"/>. Immutable.</summary>
internal sealed record PostgresCdcOptions
{
    public const string Connector = "postgres-cdc";

    public required string ConnectionString { get; init; }

    public required TableName Table { get; init; }

    public required Schema Schema { get; init; }

    public required string SlotName { get; init; }

    public required string PublicationName { get; init; }

    /// <summary>
    /// What the job reads of <see cref="Schema"/> (null: everything): the snapshot selects, and the stream decodes, only
    /// those columns and the chunk key; the others stay NULL.
    /// </summary>
    public Sluice.Connectors.Abstractions.Table.ColumnReads? Reads { get; init; }

    /// <summary>True for <c>initial</c> (snapshot, then stream); false for <c>latest-offset</c> (stream only).</summary>
    public bool InitialSnapshot { get; init; } = true;

    /// <summary>Rows per emitted batch of the snapshot.</summary>
    public int SnapshotBatchSize { get; init; } = 1024;

    /// <summary>Rows of the initial snapshot read per poll (by primary key), so checkpoints can happen in between.</summary>
    public int ChunkSize { get; init; } = 8096;

    /// <summary>
    /// The column the initial snapshot is chunked by (<c>scan.incremental.snapshot.chunk.key-column</c>), or null for the
    /// table's primary key. Its values need not be unique: a chunk always holds every row of each of its key values.
    /// </summary>
    public string? ChunkKeyColumn { get; init; }

    /// <summary>How often an idle stream writes a heartbeat into the WAL so the slot's position advances; null for never.</summary>
    public TimeSpan? HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True to skip a <c>TRUNCATE</c> of the table in the stream; false to fail the job (the default).</summary>
    public bool IgnoreTruncate { get; init; }

    /// <summary>Events buffered between the replication stream and the reader.</summary>
    public int QueueCapacity { get; init; } = 10_000;
}
