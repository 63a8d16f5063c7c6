using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Core.Serialization;
using Sluice.Runtime.Graph;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Physical.Session;

/// <summary>
/// Writes <c>EXPLAIN</c>'s result in the sections of Flink's: <c>== Abstract Syntax Tree ==</c> (the bound plans),
/// <c>== Optimized Physical Plan ==</c> (the optimized plans with each node's changelog mode), and
/// <c>== Optimized Execution Plan ==</c> (the operators of the job graph, with their parallelism and the exchanges
/// between them); with the details <c>ESTIMATED_COST</c> (each physical node annotated with Flink's cost fields:
/// Sluice has no cost model, so they say <c>unknown</c>), <c>PLAN_ADVICE</c> (the physical section titled <c>... With
/// Advice ==</c>, followed by the advice or <c>No available advice...</c>) and <c>JSON_EXECUTION_PLAN</c> (a
/// <c>== Physical Execution Plan ==</c> section: the job graph as Flink's JSON execution plan).
/// </summary>
internal static class ExplainFormatter
{
    private const string TwoPhaseAdviceWithoutMiniBatch =
        "[ADVICE] You might want to enable local-global two-phase optimization by configuring ('table.exec.mini-batch.enabled' to "
        + "'true', 'table.exec.mini-batch.allow-latency' to a positive long value, 'table.exec.mini-batch.size' to a positive long value).";

    private const string TwoPhaseAdviceWithMiniBatch =
        "[ADVICE] You might want to enable local-global two-phase optimization by configuring ('table.optimizer.agg-phase-strategy' to 'AUTO').";

    /// <summary>The whole result.</summary>
    /// <param name="abstractSyntaxTree">The bound plans, one after the other.</param>
    /// <param name="physical">The optimized plans as the planner explains them (two spaces of indentation per level).</param>
    /// <param name="graph">The job graph of the statements.</param>
    /// <param name="details">The details asked for.</param>
    /// <param name="miniBatch">True when mini-batch aggregation is enabled (for the advice's wording).</param>
    public static string Format(string abstractSyntaxTree, string physical, JobGraph graph, IReadOnlyCollection<ExplainDetail> details,
        bool miniBatch)
    {
        var text = new StringBuilder();
        text.Append("== Abstract Syntax Tree ==\n").Append(abstractSyntaxTree);
        var lines = physical.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var advice = new List<string>();
        if (details.Contains(ExplainDetail.PlanAdvice))
        {
            lines = AddAdvice(lines, advice, miniBatch);
            text.Append("\n== Optimized Physical Plan With Advice ==\n");
        }
        else
        {
            text.Append("\n== Optimized Physical Plan ==\n");
        }

        foreach (var line in lines)
        {
            text.Append(line);
            if (details.Contains(ExplainDetail.EstimatedCost))
            {
                text.Append(": rowcount = unknown, cumulative cost = {unknown}");
            }

            text.Append('\n');
        }

        if (details.Contains(ExplainDetail.PlanAdvice))
        {
            text.Append('\n');
            if (advice.Count == 0)
            {
                text.Append("No available advice...\n");
            }

            for (var i = 0; i < advice.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"advice[{i + 1}]: {advice[i]}\n");
            }
        }

        text.Append("\n== Optimized Execution Plan ==\n");
        AppendExecutionPlan(text, graph);
        if (details.Contains(ExplainDetail.JsonExecutionPlan))
        {
            text.Append("\n== Physical Execution Plan ==\n").Append(JsonExecutionPlan(graph)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Tags every one-phase group aggregation (<c>Aggregate(group=...</c>) with <c>advice=[n]</c> and adds the advice to
    /// split it into a local and a global phase, as Flink's plan advice does for a <c>GroupAggregate</c>.
    /// </summary>
    private static string[] AddAdvice(string[] lines, List<string> advice, bool miniBatch)
    {
        const string Node = "Aggregate(group=";
        var result = new string[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith(Node, StringComparison.Ordinal))
            {
                var text = miniBatch ? TwoPhaseAdviceWithMiniBatch : TwoPhaseAdviceWithoutMiniBatch;
                var index = advice.IndexOf(text);
                if (index < 0)
                {
                    advice.Add(text);
                    index = advice.Count - 1;
                }

                line = string.Concat(line.AsSpan(0, line.Length - trimmed.Length),
                    $"Aggregate(advice=[{index + 1}], group=", trimmed.AsSpan(Node.Length));
            }

            result[i] = line;
        }

        return result;
    }

    /// <summary>
    /// The job graph as a tree in Flink's drawing (<c>:-</c> for an input followed by another, <c>+-</c> for the last),
    /// from each vertex without outputs down to the sources: a vertex per line with its parallelism, an
    /// <c>Exchange(distribution=[...])</c> line where rows are redistributed; a vertex reached a second time is shown as
    /// <c>Reused(reference_id=[n])</c>.
    /// </summary>
    private static void AppendExecutionPlan(StringBuilder text, JobGraph graph)
    {
        var references = new Dictionary<JobVertex, int>();
        foreach (var root in graph.Vertices.Where(v => !graph.OutputsOf(v).Any()))
        {
            AppendVertex(text, graph, root, "", "", references);
        }
    }

    private static void AppendVertex(StringBuilder text, JobGraph graph, JobVertex vertex, string prefix, string childPrefix,
        Dictionary<JobVertex, int> references)
    {
        if (references.TryGetValue(vertex, out var reference))
        {
            text.Append(prefix).Append(CultureInfo.InvariantCulture, $"Reused(reference_id=[{reference}])\n");
            return;
        }

        var inputs = graph.InputsOf(vertex).OrderBy(e => e.TargetInput).ToList();
        var shared = graph.OutputsOf(vertex).Count() > 1;
        if (shared)
        {
            references[vertex] = references.Count + 1;
        }

        text.Append(prefix).Append(VertexLabel(vertex));
        if (shared)
        {
            text.Append(CultureInfo.InvariantCulture, $", reuse_id=[{references[vertex]}]");
        }

        text.Append('\n');
        for (var i = 0; i < inputs.Count; i++)
        {
            var last = i == inputs.Count - 1;
            var branch = childPrefix + (last ? "+- " : ":- ");
            var below = childPrefix + (last ? "   " : ":  ");
            var edge = inputs[i];
            if (edge.Partitioner != PartitionerKind.Forward)
            {
                text.Append(branch).Append("Exchange(distribution=[").Append(Distribution(edge)).Append("])\n");
                AppendVertex(text, graph, edge.Source, below + "+- ", below + "   ", references);
            }
            else
            {
                AppendVertex(text, graph, edge.Source, branch, below, references);
            }
        }
    }

    private static string VertexLabel(JobVertex vertex) =>
        string.Create(CultureInfo.InvariantCulture, $"{vertex.Name}(id=[{vertex.Id}], parallelism=[{vertex.Parallelism}])");

    private static string Distribution(JobEdge edge) => edge.Partitioner switch
    {
        PartitionerKind.Hash => edge.Target.Parallelism == 1 ? "single" : "hash",
        PartitionerKind.Broadcast => "broadcast",
        PartitionerKind.Rebalance => edge.Target.Parallelism == 1 ? "single" : "rebalance",
        _ => "forward",
    };

    /// <summary>
    /// The job graph as Flink's JSON execution plan: <c>{"nodes": [...]}</c>, a node per vertex in topological order
    /// (<c>id</c>, <c>type</c>, <c>pact</c>, <c>contents</c>, <c>parallelism</c>, and <c>predecessors</c> with their
    /// <c>ship_strategy</c>), written as Jackson's pretty printer writes it.
    /// </summary>
    private static string JsonExecutionPlan(JobGraph graph)
    {
        var order = graph.TopologicalOrder();
        var numbers = new Dictionary<JobVertex, int>();
        for (var i = 0; i < order.Count; i++)
        {
            numbers[order[i]] = i + 1;
        }

        var json = new StringBuilder("{\n  \"nodes\" : [ ");
        for (var i = 0; i < order.Count; i++)
        {
            var vertex = order[i];
            var number = numbers[vertex];
            var outputs = graph.OutputsOf(vertex).Any();
            var pact = vertex.IsSource ? "Data Source" : outputs ? "Operator" : "Data Sink";
            var type = vertex.IsSource ? $"Source: {Unprefixed(vertex.Name, "source:")}[{number}]"
                : outputs ? $"{vertex.Name}[{number}]"
                : $"Sink: {Unprefixed(vertex.Name, "sink:")}[{number}]";
            json.Append(i == 0 ? "{\n" : ", {\n");
            json.Append(CultureInfo.InvariantCulture, $"    \"id\" : {number},\n");
            json.Append("    \"type\" : ").Append(Quote(type)).Append(",\n");
            json.Append("    \"pact\" : ").Append(Quote(pact)).Append(",\n");
            json.Append("    \"contents\" : ").Append(Quote($"[{number}]:{vertex.Name}")).Append(",\n");
            json.Append(CultureInfo.InvariantCulture, $"    \"parallelism\" : {vertex.Parallelism}");
            var inputs = graph.InputsOf(vertex).OrderBy(e => e.TargetInput).ToList();
            if (inputs.Count > 0)
            {
                var twoInputs = inputs.Any(e => e.TargetInput > 0);
                json.Append(",\n    \"predecessors\" : [ ");
                for (var k = 0; k < inputs.Count; k++)
                {
                    var edge = inputs[k];
                    json.Append(k == 0 ? "{\n" : ", {\n");
                    json.Append(CultureInfo.InvariantCulture, $"      \"id\" : {numbers[edge.Source]},\n");
                    json.Append("      \"ship_strategy\" : ").Append(Quote(edge.Partitioner.ToString().ToUpperInvariant())).Append(",\n");
                    json.Append("      \"side\" : ").Append(Quote(twoInputs && edge.TargetInput == 0 ? "first" : "second")).Append('\n');
                    json.Append("    }");
                }

                json.Append(" ]");
            }

            json.Append("\n  }");
        }

        json.Append(" ]\n}");
        return json.ToString();
    }

    private static string Unprefixed(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JacksonJsonEncoder.Instance };

    private static string Quote(string value) => JsonSerializer.Serialize(value, JsonOptions);
}
