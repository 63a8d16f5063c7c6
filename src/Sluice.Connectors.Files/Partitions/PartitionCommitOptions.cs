namespace Sluice.Connectors.Files.Partitions;

/// <summary>How a partitioned <c>filesystem</c> sink commits partitions (the <c>sink.partition-commit.*</c> options).</summary>
public sealed record PartitionCommitOptions
{
    /// <summary>When a partition is committed.</summary>
    public PartitionCommitTrigger Trigger { get; init; } = PartitionCommitTrigger.ProcessTime;

    /// <summary>How long after its creation (or its partition time) a partition is committed.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>The time zone the partition time is read in, to compare it with the watermark (UTC by default).</summary>
    public TimeZoneInfo WatermarkTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Extracts a partition's time for the <see cref="PartitionCommitTrigger.PartitionTime"/> trigger.</summary>
    public PartitionTimeExtractor TimeExtractor { get; init; } = new(null, null);

    /// <summary>Whether a committed partition gets a success file (the <c>success-file</c> policy).</summary>
    public bool WriteSuccessFile { get; init; }

    /// <summary>The name of the success file (default <c>_SUCCESS</c>).</summary>
    public string SuccessFileName { get; init; } = "_SUCCESS";
}
