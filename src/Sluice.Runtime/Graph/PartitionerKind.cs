namespace Sluice.Runtime.Graph;

/// <summary>How an edge distributes a producer subtask's batches over the consumer subtasks.</summary>
public enum PartitionerKind
{
    /// <summary>Subtask i sends to subtask i (equal parallelism); forward edges are chained when possible.</summary>
    Forward,

    /// <summary>Round-robin over all consumers, batch by batch.</summary>
    Rebalance,

    /// <summary>Every consumer receives every batch.</summary>
    Broadcast,

    /// <summary>Each row goes to the subtask owning its key group (the edge has a key selector).</summary>
    Hash,
}
