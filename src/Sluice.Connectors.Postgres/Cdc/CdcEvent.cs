using Sluice.Core.Batches;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>One item from the replication stream: a changed row, the end of a transaction, or a failure.</summary>
internal readonly record struct CdcEvent(CdcEventKind Kind, RowKind RowKind, object?[]? Values, ulong Lsn, Exception? Error)
{
    public static CdcEvent Row(RowKind kind, object?[] values) => new(CdcEventKind.Row, kind, values, 0, null);

    public static CdcEvent Commit(ulong endLsn) => new(CdcEventKind.Commit, RowKind.Insert, null, endLsn, null);

    public static CdcEvent Failure(Exception error) => new(CdcEventKind.Failure, RowKind.Insert, null, 0, error);
}
