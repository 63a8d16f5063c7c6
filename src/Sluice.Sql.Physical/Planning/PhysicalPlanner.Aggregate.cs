using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Planning;
using PhysicalCall = Sluice.Sql.Physical.Operators.AggregateCall;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private readonly HashSet<Aggregate> _twoPhaseAggregates = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Aggregate, string> _splitAggregates = new(ReferenceEqualityComparer.Instance);

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

        if (aggregate.Calls.Any(GroupingValues.IsGroupingCall))
        {
            // GROUPING(a) / GROUP_ID() without grouping sets: the one set of every key, whose values are constants.
            return TranslateGroupingSets(aggregate, [Enumerable.Range(0, aggregate.GroupKeys.Count).ToArray()]);
        }

        var input = Translate(aggregate.Input);
        var keys = aggregate.GroupKeys.ToArray();
        var calls = aggregate.Calls.Select(ToPhysicalCall).ToList();
        var schema = input.Schema;
        var ttl = _options.StateTtl;
        var insertOnly = input.Mode.IsInsertOnly;
        var miniBatch = _options.MiniBatch;
        var outputKeys = Enumerable.Range(0, keys.Length).ToArray();
        if (_options.DistinctSplitBuckets is { } buckets && SplitDistinctColumns(calls, schema) is { } distinctColumns)
        {
            return TranslateSplitDistinct(aggregate, input, keys, calls, distinctColumns, buckets);
        }

        if (UsesTwoPhases(calls))
        {
            // Local-global: a stateless pre-aggregation chained to the input, partial accumulators over the exchange.
            var local = AddVertex("local-group-aggregate", input.Parallelism,
                () => new LocalGroupAggregateOperator(schema, keys, calls, insertOnly, miniBatch));
            Connect(input, local);
            var partials = new PhysicalStream(local, LocalGroupAggregateOperator.PartialSchema(schema, keys, calls), ChangelogMode.InsertOnly);
            var global = AddVertex("global-group-aggregate", KeyedParallelism(keys.Length),
                () => new GlobalGroupAggregateOperator(schema, keys, calls, ttl, insertOnly, miniBatch));
            Connect(partials, global, outputKeys);
            _twoPhaseAggregates.Add(aggregate);
            return new PhysicalStream(global, SchemaOf(aggregate), ChangelogMode.All, outputKeys);
        }

        var vertex = AddVertex("group-aggregate", KeyedParallelism(keys.Length), () => new GroupAggregateOperator(schema, keys, calls, ttl, insertOnly, miniBatch));
        Connect(input, vertex, keys);
        return new PhysicalStream(vertex, SchemaOf(aggregate), ChangelogMode.All, outputKeys);
    }

    /// <summary>
    /// The argument columns of the distinct calls when the aggregate can be split into a partial aggregate per key and
    /// bucket of those columns and a final one per key (<c>table.optimizer.distinct-agg.split.enabled</c>): at least one
    /// <c>DISTINCT</c> call, every distinct call over the same columns (one column, or the same tuple of a
    /// <c>COUNT(DISTINCT a, b)</c>), and every call a COUNT, SUM, $SUM0, MIN or MAX (whose partial results combine), or an
    /// AVG(DISTINCT) of an integer or floating-point column (split into a SUM and a COUNT); null otherwise (the aggregate is
    /// not split). A plain AVG next to the distinct calls would split the same way, but is left unsplit for now, as before.
    /// </summary>
    private static int[]? SplitDistinctColumns(IReadOnlyList<PhysicalCall> calls, Schema input)
    {
        int[]? columns = null;
        foreach (var call in calls)
        {
            var splittable = call.Kind is AggregateKind.CountStar or AggregateKind.Count or AggregateKind.Sum or AggregateKind.Sum0
                or AggregateKind.Min or AggregateKind.Max
                || (call.Kind == AggregateKind.Avg && call.IsDistinct && call.Arguments.Count == 1
                    && SplitAverageSumType(input[call.Arguments[0]].DataType) is not null);
            if (!splittable)
            {
                return null;
            }

            if (call.IsDistinct)
            {
                if (call.Arguments.Count == 0 || (columns is { } other && !other.SequenceEqual(call.Arguments)))
                {
                    return null;
                }

                columns = [.. call.Arguments];
            }
        }

        return columns;
    }

    /// <summary>
    /// A split distinct aggregate, as Flink's split distinct aggregation: <c>$bucket</c> = hash(distinct columns) mod
    /// buckets is appended (each distinct value or tuple lies in one bucket), a partial aggregate computes every call per key and bucket (a key's distinct values spread
    /// over the buckets, so no single subtask sees every value of a hot key), and a final aggregate per key combines the
    /// partial results: counts with $SUM0, sums with SUM, minimums and maximums with MIN and MAX.
    /// </summary>
    private PhysicalStream TranslateSplitDistinct(Aggregate aggregate, PhysicalStream input, int[] keys, List<PhysicalCall> calls,
        int[] distinctColumns, int buckets)
    {
        var schema = input.Schema;
        var ttl = _options.StateTtl;
        var miniBatch = _options.MiniBatch;
        var insertOnly = input.Mode.IsInsertOnly;
        var bucketSchema = DistinctBucketOperator.OutputSchemaOf(schema);
        var bucketVertex = AddVertex("distinct-bucket", input.Parallelism, () => new DistinctBucketOperator(schema, distinctColumns, buckets));
        Connect(input, bucketVertex);
        var bucketed = new PhysicalStream(bucketVertex, bucketSchema, input.Mode);

        // An AVG becomes a SUM and a COUNT of the same values (DISTINCT alike) in the partial aggregate.
        var partialCalls = calls.SelectMany(call => call.Kind == AggregateKind.Avg
            ? new[]
            {
                call with { Kind = AggregateKind.Sum, ResultType = SplitAverageSumType(schema[call.Arguments[0]].DataType)!, Name = call.Name + "$sum" },
                call with { Kind = AggregateKind.Count, ResultType = DataTypes.BigInt().NotNull(), Name = call.Name + "$count" },
            }
            : [call]).ToList();
        var partialKeys = keys.Append(schema.Count).ToArray();
        var partialVertex = AddVertex("partial-distinct-aggregate", Parallelism,
            () => new GroupAggregateOperator(bucketSchema, partialKeys, partialCalls, ttl, insertOnly, miniBatch));
        Connect(bucketed, partialVertex, partialKeys);
        var partialSchema = new GroupAggregateOperator(bucketSchema, partialKeys, partialCalls).OutputSchema;
        var partials = new PhysicalStream(partialVertex, partialSchema, ChangelogMode.All);

        var finalCalls = partialCalls.Select((call, i) => new PhysicalCall(
            call.Kind switch
            {
                AggregateKind.CountStar or AggregateKind.Count or AggregateKind.Sum0 => AggregateKind.Sum0,
                var kind => kind,
            },
            [partialKeys.Length + i], false, -1, call.ResultType, call.Name)).ToList();
        var outputKeys = Enumerable.Range(0, keys.Length).ToArray();
        var finalVertex = AddVertex("final-distinct-aggregate", KeyedParallelism(keys.Length),
            () => new GroupAggregateOperator(partialSchema, outputKeys, finalCalls, ttl, false, miniBatch));
        Connect(partials, finalVertex, outputKeys);
        _splitAggregates[aggregate] = $"$bucket=[MOD(HASH({string.Join(", ", distinctColumns.Select(c => schema[c].Name))}), {buckets})]";
        var final = new PhysicalStream(finalVertex, new GroupAggregateOperator(partialSchema, outputKeys, finalCalls).OutputSchema, ChangelogMode.All, outputKeys);
        return calls.Any(c => c.Kind == AggregateKind.Avg) ? AverageOfSplitParts(aggregate, final, keys.Length, calls) : final with { Schema = SchemaOf(aggregate) };
    }

    /// <summary>
    /// The type a split AVG's partial SUM is computed in: BIGINT for an integer column (AVG truncates the BIGINT quotient,
    /// as the unsplit AVG does), DOUBLE for a floating-point one; null for other types (DECIMAL: not split).
    /// </summary>
    private static DataType? SplitAverageSumType(DataType argument) => argument.TypeId switch
    {
        TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt => DataTypes.BigInt(),
        TypeId.Float or TypeId.Double => DataTypes.Double(),
        _ => null,
    };

    /// <summary>
    /// The output of a split aggregate with AVG calls: the final aggregate has a SUM and a COUNT per AVG, which a projection
    /// turns into <c>CASE WHEN count = 0 THEN NULL ELSE CAST(sum / count AS type) END</c>; the other calls pass through.
    /// </summary>
    private PhysicalStream AverageOfSplitParts(Aggregate aggregate, PhysicalStream final, int keyCount, List<PhysicalCall> calls)
    {
        var schema = final.Schema;
        var expressions = Enumerable.Range(0, keyCount).Select(i => (BoundExpression)Ref(schema, i)).ToList();
        var column = keyCount;
        foreach (var call in calls)
        {
            if (call.Kind != AggregateKind.Avg)
            {
                expressions.Add(Ref(schema, column++));
                continue;
            }

            var sum = Ref(schema, column++);
            var count = Ref(schema, column++);
            var none = new BoundCall(Sluice.Sql.Catalog.Functions.BuiltInFunctions.EqualTo, NodeList.Of<BoundExpression>(count, new BoundLiteral(0L, DataTypes.BigInt().NotNull())),
                DataTypes.Boolean().NotNull());
            BoundExpression divisor = count.Type.EqualsIgnoringNullability(sum.Type) ? count : new BoundCast(count, sum.Type.NotNull());
            var quotient = new BoundCall(Sluice.Sql.Catalog.Functions.BuiltInFunctions.Divide, NodeList.Of(sum, divisor), sum.Type.Nullable());
            var type = call.OutputType;
            expressions.Add(new BoundCase(NodeList.Of<BoundExpression>(none), NodeList.Of<BoundExpression>(BoundLiteral.Null(type)), new BoundCast(quotient, type), type));
        }

        var output = SchemaOf(aggregate);
        return AddProjection(final, expressions, output.Fields.Select(f => f.Name).ToList(), null, "split-average") with
        {
            Schema = output,
            UpsertKey = Enumerable.Range(0, keyCount).ToArray(),
        };
    }

    /// <summary>
    /// Whether a <c>GROUP BY</c> runs in two phases (<c>table.optimizer.agg-phase-strategy</c>): never with
    /// <c>ONE_PHASE</c>, always with <c>TWO_PHASE</c>, with <c>AUTO</c> when mini-batch is enabled; and in every case only
    /// when each call can merge partial accumulators (<see cref="LocalGroupAggregateOperator.CanMerge"/>).
    /// </summary>
    private bool UsesTwoPhases(IReadOnlyList<PhysicalCall> calls)
    {
        var wanted = _options.AggregatePhaseStrategy switch
        {
            AggregatePhaseStrategy.TwoPhase => true,
            AggregatePhaseStrategy.Auto => _options.MiniBatch is not null,
            _ => false,
        };
        return wanted && calls.All(LocalGroupAggregateOperator.CanMerge);
    }

    /// <summary>
    /// EXPLAIN of an aggregate translated in two phases: <c>GlobalGroupAggregate</c> over <c>LocalGroupAggregate</c>
    /// over the input, as Flink shows them; false for any other node.
    /// </summary>
    private bool TryAppendTwoPhaseExplain(LogicalPlan node, int depth)
    {
        if (node is not Aggregate aggregate)
        {
            return false;
        }

        var split = _splitAggregates.TryGetValue(aggregate, out var bucket);
        if (!split && !_twoPhaseAggregates.Contains(aggregate))
        {
            return false;
        }

        var line = node.ExplainNode(PlanSchema.Empty);
        var properties = line[line.IndexOf('(', StringComparison.Ordinal)..];
        if (split)
        {
            _explain.Append(' ', depth * 2).Append("FinalDistinctAggregate").Append(properties)
                .Append(", changelogMode=").Append(ChangelogMode.All).Append('\n');
            _explain.Append(' ', (depth + 1) * 2).Append("PartialDistinctAggregate").Append(properties)
                .Append(", group+=").Append(bucket).Append(", changelogMode=").Append(ChangelogMode.All).Append('\n');
            foreach (var input in node.Inputs)
            {
                AppendExplain(input, depth + 2);
            }

            return true;
        }

        _explain.Append(' ', depth * 2).Append("GlobalGroupAggregate").Append(properties);
        if (_translated.TryGetValue(node, out var stream))
        {
            _explain.Append(", changelogMode=").Append(stream.Mode);
        }

        _explain.Append('\n');
        _explain.Append(' ', (depth + 1) * 2).Append("LocalGroupAggregate").Append(properties)
            .Append(", changelogMode=").Append(ChangelogMode.InsertOnly).Append('\n');
        foreach (var input in node.Inputs)
        {
            AppendExplain(input, depth + 2);
        }

        return true;
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
        var grouping = GroupingValues.Of(aggregate);
        var realCalls = aggregate.Calls.Where((_, i) => !grouping[i]).Select(ToPhysicalCall).ToList();
        var union = AddVertex("grouping-sets", Parallelism, () => new CalcOperator(outputSchema, null, null, outputSchema));
        var ttl = _options.StateTtl;
        var miniBatch = _options.MiniBatch;
        for (var setIndex = 0; setIndex < sets.Count; setIndex++)
        {
            var set = sets[setIndex];
            var setKeys = set.Select(position => keys[position]).ToArray();
            var schema = input.Schema;
            var aggregateVertex = AddVertex("group-aggregate", KeyedParallelism(setKeys.Length), () => new GroupAggregateOperator(schema, setKeys, realCalls, ttl, miniBatch: miniBatch));
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
                    expressions.Add(new BoundLiteral(GroupingValues.Value(call, keys, sets, setIndex), call.Type));
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
            // A set's changes must reach the union in their order: a set without keys runs at parallelism 1, and a
            // round-robin exchange into the union's subtasks would let a key's -U overtake its +I downstream.
            Connect(new PhysicalStream(pad, outputSchema, ChangelogMode.All), union, pad.Parallelism == union.Parallelism ? null : [.. set]);
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
            "ARRAY_AGG" => AggregateKind.ArrayAgg,
            "JSON_OBJECTAGG" => AggregateKind.JsonObjectAgg,
            "JSON_ARRAYAGG" => AggregateKind.JsonArrayAgg,
            "PERCENTILE" => AggregateKind.Percentile,
            _ => throw NotSupported($"The aggregate function {name} is not supported in execution yet"),
        };
        return new PhysicalCall(kind, call.Arguments.ToArray(), call.IsDistinct, call.FilterArgument, call.Type, call.Name)
        {
            IgnoreNulls = call.IgnoreNulls,
        };
    }

    /// <summary><c>UNION</c> / <c>DISTINCT</c>: a group aggregate over every column without aggregate calls.</summary>
    private PhysicalStream TranslateDistinct(LogicalPlan node, PhysicalStream input)
    {
        var keys = Enumerable.Range(0, input.Schema.Count).ToArray();
        var schema = input.Schema;
        var ttl = _options.StateTtl;
        var miniBatch = _options.MiniBatch;
        var vertex = AddVertex("distinct", KeyedParallelism(keys.Length), () => new GroupAggregateOperator(schema, keys, [], ttl, miniBatch: miniBatch));
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
