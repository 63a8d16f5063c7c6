namespace Sluice.Connectors.Kafka.Source;

/// <summary>Where a bounded scan stops reading each partition (<c>scan.bounded.mode</c>).</summary>
internal enum BoundedMode
{
    Unbounded,
    LatestOffset,
    GroupOffsets,
    Timestamp,
    SpecificOffsets,
}
