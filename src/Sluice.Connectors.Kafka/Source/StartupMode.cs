namespace Sluice.Connectors.Kafka.Source;

/// <summary>Where a scan starts reading each partition (<c>scan.startup.mode</c>).</summary>
internal enum StartupMode
{
    EarliestOffset,
    LatestOffset,
    GroupOffsets,
    Timestamp,
    SpecificOffsets,
}
