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

    /// <summary>True for <c>initial</c> (snapshot, then stream); false for <c>latest-offset</c> (stream only).</summary>
    public bool InitialSnapshot { get; init; } = true;

    /// <summary>Rows per emitted batch of the snapshot.</summary>
    public int SnapshotBatchSize { get; init; } = 1024;

    /// <summary>Events buffered between the replication stream and the reader.</summary>
    public int QueueCapacity { get; init; } = 10_000;
}
