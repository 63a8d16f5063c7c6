namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>What a <see cref="CdcEvent"/> is.</summary>
internal enum CdcEventKind
{
    Row,
    Commit,
    Failure,
}
