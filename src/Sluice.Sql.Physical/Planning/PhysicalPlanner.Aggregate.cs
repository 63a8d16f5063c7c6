using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Planning;
using PhysicalCall = Sluice.Sql.Physical.Operators.AggregateCall;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private PhysicalStream TranslateAggregate(Aggregate aggregate)
    {
        if (aggregate.IsWindowAggregate)
        {
            return TranslateWindowAggregate(aggregate);
        }

        if (aggregate.GroupingSets is { } sets)
        {
            return TranslateGroupingSets(aggregate, sets);
        }

        var input = Translate(aggregate.Input);
        var keys = aggregate.GroupKeys.ToArray();
        var calls = aggregate.Calls.Select(ToPhysicalCall).ToList();
        var schema = input.Schema;
        var ttl = _options.StateTtl;
        var insertOnly = input.Mode.IsInsertOnly;
        var vertex = AddVertex("group-aggregate", KeyedParallelism(keys.Length), () => new GroupAggregateOperator(schema, keys, calls, ttl, insertOnly));
        Connect(input, vertex, keys);
        return new PhysicalStream(vertex, SchemaOf(aggregate), ChangelogMode.All, Enumerable.Range(0, keys.Length).ToArray());
    }

    /// <summary>
    /// <c>GROUPING SETS</c>, <c>ROLLUP</c>, <c>CUBE</c>: one group aggregate per set, each padded to the full key list
    /// with NULLs (and its <c>GROUPING</c> / <c>GROUPING_ID</c> values as constants), then united.
    /// </summary>
    private PhysicalStream TranslateGroupingSets(Aggregate aggregate, IReadOnlyList<IReadOnlyList<int>> sets)
    {
        var input = Translate(aggregate.Input);
        var outputSchema = SchemaOf(aggregate);
        var keys = aggregate.GroupKeys;
        var grouping = aggregate.Calls.Select(c => c.Function.Name is "GROUPING" or "GROUPING_ID").ToArray();
        var realCalls = aggregate.Calls.Where((_, i) => !grouping[i]).Select(ToPhysicalCall).ToList();
        var union = AddVertex("grouping-sets", Parallelism, () => new CalcOperator(outputSchema, null, null, outputSchema));
        var ttl = _options.StateTtl;
        foreach (var set in sets)
        {
            var setKeys = set.Select(position => keys[position]).ToArray();
            var schema = input.Schema;
            var aggregateVertex = AddVertex("group-aggregate", KeyedParallelism(setKeys.Length), () => new GroupAggregateOperator(schema, setKeys, realCalls, ttl));
            Connect(input, aggregateVertex, setKeys);
            var aggregated = new Schema(setKeys.Select(k => schema[k])
                .Concat(realCalls.Select(c => new Field(c.Name, c.ResultType))));
            var expressions = new List<BoundExpression>();
            for (var position = 0; position < keys.Count; position++)
            {
                var at = set.ToList().IndexOf(position);
                var type = outputSchema[position].DataType;
                expressions.Add(at >= 0
                    ? new BoundInputRef(at, aggregated[at].Name, aggregated[at].DataType)
                    : new BoundLiteral(null, type.Nullable()));
            }

            var real = setKeys.Length;
            for (var c = 0; c < aggregate.Calls.Count; c++)
            {
                var call = aggregate.Calls[c];
                if (grouping[c])
                {
                    // GROUPING(a, b): bit i (from the left, most significant first) is 1 when argument i is not grouped.
                    long value = 0;
                    foreach (var argument in call.Arguments)
                    {
                        var position = keys.ToList().IndexOf(argument);
                        value = (value << 1) | (set.Contains(position) ? 0L : 1L);
                    }

                    expressions.Add(new BoundLiteral(value, call.Type));
                }
                else
                {
                    expressions.Add(new BoundInputRef(real, aggregated[real].Name, aggregated[real].DataType));
                    real++;
                }
            }

            var pad = AddVertex("grouping-set-pad", aggregateVertex.Parallelism,
                () => new CalcOperator(aggregated, null, expressions, outputSchema, sessionTimeZone: _options.SessionTimeZone));
            Connect(new PhysicalStream(aggregateVertex, aggregated, ChangelogMode.All), pad);
            Connect(new PhysicalStream(pad, outputSchema, ChangelogMode.All), union);
        }

        return new PhysicalStream(union, outputSchema, ChangelogMode.All);
    }

    /// <summary>The runtime description of a logical aggregate call.</summary>
    internal static PhysicalCall ToPhysicalCall(Sluice.Sql.Planning.AggregateCall call)
    {
        if (call.Function.Implementation is { } userDefined)
        {
            return ToUserDefinedCall(call, userDefined);
        }

        var name = call.Function.Name;
        var kind = name switch
        {
            "COUNT" when call.Arguments.Count == 0 => AggregateKind.CountStar,
            "COUNT" => AggregateKind.Count,
            "SUM" => AggregateKind.Sum,
            "$SUM0" or "SUM0" => AggregateKind.Sum0,
            "MIN" => AggregateKind.Min,
            "MAX" => AggregateKind.Max,
            "AVG" => AggregateKind.Avg,
            "FIRST_VALUE" => AggregateKind.FirstValue,
            "LAST_VALUE" => AggregateKind.LastValue,
            "LISTAGG" => AggregateKind.ListAgg,
            "STDDEV_POP" => AggregateKind.StddevPop,
            "STDDEV_SAMP" or "STDDEV" => AggregateKind.StddevSamp,
            "VAR_POP" => AggregateKind.VarPop,
            "VAR_SAMP" or "VARIANCE" => AggregateKind.VarSamp,
            "COLLECT" => AggregateKind.Collect,
            "SINGLE_VALUE" => AggregateKind.SingleValue,
            _ => throw NotSupported($"The aggregate function {name} is not supported in execution yet"),
        };
        return new PhysicalCall(kind, call.Arguments.ToArray(), call.IsDistinct, call.FilterArgument, call.Type, call.Name);
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

    /// <summary>A calc computing <paramref name="expressions"/> (named <paramref name="names"/>) over <paramref name="input"/>.</summary>
    private PhysicalStream AddProjection(PhysicalStream input, IReadOnlyList<BoundExpression> expressions, IReadOnlyList<string> names,
        BoundExpression? condition = null, string name = "project", int rowTime = -1)
    {
        var unique = PlanSchema.Uniquify(names);
        var schema = new Schema(expressions.Select((e, i) => new Field(unique[i], e.Type)), rowTime);
        var inputSchema = input.Schema;
        var vertex = AddVertex(name, input.Parallelism,
            () => new CalcOperator(inputSchema, condition, expressions, schema, sessionTimeZone: _options.SessionTimeZone));
        Connect(input, vertex);
        return new PhysicalStream(vertex, schema, input.Mode);
    }

    private static BoundInputRef Ref(Schema schema, int index) => new(index, schema[index].Name, schema[index].DataType);
}
