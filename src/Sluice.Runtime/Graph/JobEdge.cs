using Sluice.Runtime.Partitioning;

namespace Sluice.Runtime.Graph;

/// <summary>A data edge between two operators, with its partitioner.</summary>
public sealed class JobEdge
{
    internal JobEdge(JobVertex source, JobVertex target, int targetInput, PartitionerKind partitioner, IBatchKeySelector? keySelector)
    {
        Source = source;
        Target = target;
        TargetInput = targetInput;
        Partitioner = partitioner;
        KeySelector = keySelector;
    }

    /// <summary>The producing operator.</summary>
    public JobVertex Source { get; }

    /// <summary>The consuming operator.</summary>
    public JobVertex Target { get; }

    /// <summary>Which input of the target this edge feeds (0 for one-input operators; 0 or 1 for two-input ones).</summary>
    public int TargetInput { get; }

    /// <summary>How batches are distributed.</summary>
    public PartitionerKind Partitioner { get; }

    /// <summary>The key selector of a <see cref="PartitionerKind.Hash"/> edge.</summary>
    public IBatchKeySelector? KeySelector { get; }
}
