using Sluice.Connectors.Postgres.Connection;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Postgres.Sink;

/// <summary>The settings of a <see cref="PostgresSink"/>. Immutable.</summary>
internal sealed record PostgresSinkOptions
{
    /// <summary>The connector's name, for messages (<c>postgres</c> or <c>jdbc</c>).</summary>
    public required string Connector { get; init; }

    /// <summary>The Npgsql connection string.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The table written.</summary>
    public required TableName Table { get; init; }

    /// <summary>The consumed schema (columns are written by name).</summary>
    public required Schema Schema { get; init; }

    /// <summary>The primary key's column indexes in <see cref="Schema"/>; empty for an append-only sink.</summary>
    public IReadOnlyList<int> PrimaryKey { get; init; } = [];

    /// <summary>Rows buffered before a flush.</summary>
    public int MaxBufferedRows { get; init; } = 100;

    /// <summary>Age of the oldest buffered row after which the next write flushes; zero disables.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of a flush on transient failures (at-least-once).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>True for one prepared transaction per checkpoint (two-phase commit).</summary>
    public bool ExactlyOnce { get; init; }

    /// <summary>The prefix of the prepared transactions' ids (exactly-once); unique per sink.</summary>
    public string TransactionIdPrefix { get; init; } = "sluice";

    /// <summary>How long a statement of an exactly-once transaction waits for a row lock before failing.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True when the table has a primary key: upserts and deletes instead of plain inserts.</summary>
    public bool IsUpsert => PrimaryKey.Count > 0;
}
