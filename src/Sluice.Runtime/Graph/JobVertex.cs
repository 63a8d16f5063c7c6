using Sluice.Runtime.Operators;

namespace Sluice.Runtime.Graph;

/// <summary>
/// One operator of a job graph, with a stable id (state is matched to operators by this id when restoring
/// from a savepoint, so keep it unchanged across versions of a job) and a parallelism.
/// </summary>
public sealed class JobVertex
{
    internal JobVertex(string id, string name, int parallelism, Func<StreamOperator> factory, bool isSource)
    {
        Id = id;
        Name = name;
        Parallelism = parallelism;
        Factory = factory;
        IsSource = isSource;
    }

    /// <summary>The stable operator id.</summary>
    public string Id { get; }

    /// <summary>A human-readable name.</summary>
    public string Name { get; }

    /// <summary>The number of parallel subtasks.</summary>
    public int Parallelism { get; internal set; }

    /// <summary>True for a source (no inputs; polled by its task).</summary>
    public bool IsSource { get; }

    /// <summary>Creates a fresh operator instance for one subtask.</summary>
    public Func<StreamOperator> Factory { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{Id}] x{Parallelism}";
}
