using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Planning;
using PhysicalCall = Sluice.Sql.Physical.Operators.AggregateCall;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private PhysicalStream TranslateAggregate(Aggregate aggregate)
    {
        if (aggregate.GroupingSets is not null)
        {
            throw NotSupported("GROUPING SETS, ROLLUP and CUBE are not supported in execution yet");
        }

        if (aggregate.IsWindowAggregate)
        {
            throw NotSupported("Window aggregation is not supported in execution yet");
        }

        var input = Translate(aggregate.Input);
        var keys = aggregate.GroupKeys.ToArray();
        var calls = aggregate.Calls.Select(c => ToPhysicalCall(c)).ToList();
        var schema = input.Schema;
        var ttl = _options.StateTtl;
        var vertex = AddVertex("group-aggregate", KeyedParallelism(keys.Length), () => new GroupAggregateOperator(schema, keys, calls, ttl));
        Connect(input, vertex, keys);
        return new PhysicalStream(vertex, SchemaOf(aggregate), ChangelogMode.All, Enumerable.Range(0, keys.Length).ToArray());
    }

    private static PhysicalCall ToPhysicalCall(Sluice.Sql.Planning.AggregateCall call)
    {
        if (call.IsDistinct || call.FilterArgument >= 0)
        {
            throw NotSupported($"{call.Function.Name} with DISTINCT or FILTER is not supported in execution yet");
        }

        var name = call.Function.Name;
        var kind = name switch
        {
            "COUNT" when call.Arguments.Count == 0 => AggregateKind.CountStar,
            "COUNT" => AggregateKind.Count,
            "SUM" => AggregateKind.Sum,
            "MIN" => AggregateKind.Min,
            "MAX" => AggregateKind.Max,
            "AVG" => AggregateKind.Avg,
            _ => throw NotSupported($"The aggregate function {name} is not supported in execution yet"),
        };
        return new PhysicalCall(kind, call.Arguments.Count > 0 ? call.Arguments[0] : -1, call.Type, call.Name);
    }

    /// <summary><c>UNION</c> / <c>DISTINCT</c>: a group aggregate over every column without aggregate calls.</summary>
    private PhysicalStream TranslateDistinct(LogicalPlan node, PhysicalStream input)
    {
        var keys = Enumerable.Range(0, input.Schema.Count).ToArray();
        var schema = input.Schema;
        var ttl = _options.StateTtl;
        var vertex = AddVertex("distinct", KeyedParallelism(keys.Length), () => new GroupAggregateOperator(schema, keys, [], ttl));
        Connect(input, vertex, keys);
        return new PhysicalStream(vertex, SchemaOf(node), ChangelogMode.All, keys);
    }
}
