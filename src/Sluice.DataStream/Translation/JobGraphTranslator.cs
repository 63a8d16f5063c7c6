using Sluice.Core.Errors;
using Sluice.Runtime.Graph;

namespace Sluice.DataStream.Translation;

/// <summary>
/// Turns the transformations that lead to the sinks into one <see cref="JobGraph"/>: a vertex per transformation
/// (id = its <c>Uid</c>, or <c>{index}-{kind}</c> from the program order), edges as declared (hash edges for keyed
/// streams, forward edges between equal parallelism, which the runtime chains, round-robin otherwise).
/// </summary>
internal static class JobGraphTranslator
{
    public static JobGraph Translate(string jobName, IReadOnlyList<Transformation> sinks)
    {
        if (sinks.Count == 0)
        {
            throw new JobException($"Job '{jobName}' has no sinks: add one with SinkTo, Print or ExecuteAndCollectAsync.");
        }

        // Every transformation reachable backwards from a sink, in creation order (which is a topological order).
        var reachable = new HashSet<Transformation>();
        var stack = new Stack<Transformation>(sinks);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!reachable.Add(t))
            {
                continue;
            }

            foreach (var input in t.Inputs.SelectMany(i => i))
            {
                stack.Push(input.Producer);
            }
        }

        var ordered = reachable.OrderBy(t => t.Index).ToList();
        var ids = new Dictionary<string, Transformation>(StringComparer.Ordinal);
        foreach (var t in ordered)
        {
            if (!ids.TryAdd(t.Id, t))
            {
                throw new JobException($"The operator id '{t.Id}' is used by both '{ids[t.Id].Name}' and '{t.Name}'; Uid values must be unique.");
            }
        }

        var graph = new JobGraph(jobName);
        var vertices = new Dictionary<Transformation, JobVertex>();
        foreach (var t in ordered)
        {
            var captured = t;
            var vertex = t.IsSource
                ? graph.AddSource(t.Id, t.Name, t.Parallelism, () => captured.Factory(captured))
                : graph.AddOperator(t.Id, t.Name, t.Parallelism, () => captured.Factory(captured));
            vertices[t] = vertex;
        }

        foreach (var t in ordered)
        {
            for (var input = 0; input < t.Inputs.Count; input++)
            {
                var producers = new HashSet<Transformation>();
                foreach (var r in t.Inputs[input])
                {
                    if (!producers.Add(r.Producer))
                    {
                        throw new JobException(
                            $"'{r.Producer.Name}' feeds input {input} of '{t.Name}' twice (a union of a stream with itself); map one side first.");
                    }

                    var partitioner = r.Partitioner
                        ?? (r.Producer.Parallelism == t.Parallelism ? PartitionerKind.Forward : PartitionerKind.Rebalance);
                    graph.Connect(vertices[r.Producer], vertices[t], partitioner, r.KeySelector, input);
                }
            }
        }

        return graph;
    }
}
