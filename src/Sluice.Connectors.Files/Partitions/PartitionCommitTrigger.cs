namespace Sluice.Connectors.Files.Partitions;

/// <summary>When a written partition is committed (<c>sink.partition-commit.trigger</c>).</summary>
public enum PartitionCommitTrigger
{
    /// <summary><c>process-time</c>: when the processing time passes the partition's creation time plus the delay.</summary>
    ProcessTime,

    /// <summary><c>partition-time</c>: when the watermark passes the time extracted from the partition values plus the delay.</summary>
    PartitionTime,
}
