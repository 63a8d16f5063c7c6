using Sluice.Core.Errors;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Partitioning;

namespace Sluice.Runtime.Graph;

/// <summary>
/// A job as a directed acyclic graph of operators (<see cref="JobVertex"/>) and edges (<see cref="JobEdge"/>).
/// Built once, validated by <see cref="Validate"/>, then turned into parallel tasks by the runtime.
/// </summary>
public sealed class JobGraph
{
    private readonly List<JobVertex> _vertices = [];
    private readonly List<JobEdge> _edges = [];

    /// <summary>Creates an empty graph.</summary>
    public JobGraph(string name)
    {
        Name = name;
    }

    /// <summary>The job's name.</summary>
    public string Name { get; }

    /// <summary>The operators, in the order they were added (sources first is not required).</summary>
    public IReadOnlyList<JobVertex> Vertices => _vertices;

    /// <summary>The edges.</summary>
    public IReadOnlyList<JobEdge> Edges => _edges;

    /// <summary>Adds a source operator.</summary>
    public JobVertex AddSource(string id, string name, int parallelism, Func<StreamOperator> factory) =>
        Add(new JobVertex(id, name, parallelism, factory, isSource: true));

    /// <summary>Adds a (non-source) operator.</summary>
    public JobVertex AddOperator(string id, string name, int parallelism, Func<StreamOperator> factory) =>
        Add(new JobVertex(id, name, parallelism, factory, isSource: false));

    /// <summary>Connects two operators.</summary>
    public JobEdge Connect(JobVertex source, JobVertex target, PartitionerKind partitioner, IBatchKeySelector? keySelector = null,
        int targetInput = 0)
    {
        if (partitioner == PartitionerKind.Hash && keySelector is null)
        {
            throw new JobException($"The hash edge {source.Name} -> {target.Name} needs a key selector.");
        }

        var edge = new JobEdge(source, target, targetInput, partitioner, keySelector);
        _edges.Add(edge);
        return edge;
    }

    /// <summary>The edges leaving <paramref name="vertex"/>.</summary>
    public IEnumerable<JobEdge> OutputsOf(JobVertex vertex) => _edges.Where(e => e.Source == vertex);

    /// <summary>The edges entering <paramref name="vertex"/>.</summary>
    public IEnumerable<JobEdge> InputsOf(JobVertex vertex) => _edges.Where(e => e.Target == vertex);

    /// <summary>Sets every operator's parallelism (e.g. to run a job at another parallelism).</summary>
    public JobGraph WithParallelism(int parallelism)
    {
        foreach (var v in _vertices)
        {
            v.Parallelism = parallelism;
        }

        return this;
    }

    /// <summary>Checks ids, parallelism, edges and acyclicity; throws <see cref="JobException"/> naming the problem.</summary>
    public void Validate(int maxParallelism)
    {
        if (_vertices.Count == 0)
        {
            throw new JobException($"Job '{Name}' has no operators.");
        }

        foreach (var v in _vertices)
        {
            if (v.Parallelism < 1 || v.Parallelism > maxParallelism)
            {
                throw new JobException($"Operator '{v.Name}' has parallelism {v.Parallelism}; it must be between 1 and the max parallelism {maxParallelism}.");
            }

            var inputs = InputsOf(v).ToList();
            if (v.IsSource && inputs.Count > 0)
            {
                throw new JobException($"Source '{v.Name}' cannot have inputs.");
            }

            if (!v.IsSource && inputs.Count == 0)
            {
                throw new JobException($"Operator '{v.Name}' has no inputs.");
            }
        }

        foreach (var e in _edges)
        {
            if (e.Partitioner == PartitionerKind.Forward && e.Source.Parallelism != e.Target.Parallelism)
            {
                throw new JobException(
                    $"The forward edge {e.Source.Name} -> {e.Target.Name} joins parallelism {e.Source.Parallelism} to {e.Target.Parallelism}; use rebalance or hash.");
            }
        }

        // Kahn's algorithm: a cycle leaves vertices with inputs.
        var indegree = _vertices.ToDictionary(v => v, v => InputsOf(v).Count());
        var ready = new Queue<JobVertex>(_vertices.Where(v => indegree[v] == 0));
        var seen = 0;
        while (ready.Count > 0)
        {
            var v = ready.Dequeue();
            seen++;
            foreach (var e in OutputsOf(v))
            {
                if (--indegree[e.Target] == 0)
                {
                    ready.Enqueue(e.Target);
                }
            }
        }

        if (seen != _vertices.Count)
        {
            throw new JobException($"Job '{Name}' has a cycle.");
        }
    }

    /// <summary>The operators in topological order.</summary>
    public IReadOnlyList<JobVertex> TopologicalOrder()
    {
        var indegree = _vertices.ToDictionary(v => v, v => InputsOf(v).Count());
        var ready = new Queue<JobVertex>(_vertices.Where(v => indegree[v] == 0));
        var order = new List<JobVertex>();
        while (ready.Count > 0)
        {
            var v = ready.Dequeue();
            order.Add(v);
            foreach (var e in OutputsOf(v))
            {
                if (--indegree[e.Target] == 0)
                {
                    ready.Enqueue(e.Target);
                }
            }
        }

        return order;
    }

    private JobVertex Add(JobVertex vertex)
    {
        if (_vertices.Any(v => v.Id == vertex.Id))
        {
            throw new JobException($"Operator id '{vertex.Id}' is used twice in job '{Name}'; ids must be unique and stable.");
        }

        _vertices.Add(vertex);
        return vertex;
    }
}
