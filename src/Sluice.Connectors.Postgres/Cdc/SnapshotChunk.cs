namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// A range of the initial snapshot that has been read: the keys above the previous chunk's upper key up to and
/// including <see cref="UpperKey"/> (every key above the previous chunk when null), read in a snapshot that is
/// consistent with the replication position <see cref="Lsn"/>. Immutable.
/// </summary>
/// <param name="UpperKey">The largest key of the range (primary key values in key order), or null for no upper bound.</param>
/// <param name="Lsn">The snapshot's position: transactions that ended at or before it are already in the rows read.</param>
internal sealed record SnapshotChunk(object?[]? UpperKey, ulong Lsn);
