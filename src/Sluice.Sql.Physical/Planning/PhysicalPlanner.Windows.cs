using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>A window TVF on its own (<c>SELECT * FROM TABLE(TUMBLE(...))</c>): rows with their windows.</summary>
    private PhysicalStream TranslateWindowTableFunction(WindowTableFunction window)
    {
        if (window.Kind == WindowKind.Session)
        {
            return Translate(SessionRowsPlan(window));
        }

        var input = Translate(window.Input);
        var schema = input.Schema;
        var spec = Spec(window);
        var time = window.TimeColumn;
        var processingTime = window.Input.Schema[time].TimeAttribute == TimeAttribute.ProcTime;
        var vertex = AddVertex("window-assign", input.Parallelism, () => new WindowAssignOperator(schema, spec, time, processingTime, _options.SessionTimeZone));
        Connect(input, vertex);
        var assigned = new WindowAssignOperator(schema, spec, time, processingTime, _options.SessionTimeZone).OutputSchema;
        var output = SchemaOf(window);
        return new PhysicalStream(vertex, new Schema(output.Fields.Select((f, i) => new Field(f.Name, assigned[i].DataType)), assigned.RowTimeIndex),
            input.Mode);
    }

    /// <summary>
    /// A SESSION window TVF on its own (Flink 2: <c>SELECT * FROM SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), gap)</c>):
    /// every row with its session. Planned as the sessions (a session window aggregation by the partition keys, without
    /// aggregates, firing as the watermark passes each session's end) joined back with the rows of their partition
    /// whose time lies in <c>[window_start, window_end)</c>. Insert-only; the join keeps the rows until the end.
    /// </summary>
    private static LogicalPlan SessionRowsPlan(WindowTableFunction window)
    {
        var input = window.Input;
        var inputCount = input.Schema.Count;
        var keys = window.PartitionKeys;
        var sessionColumns = keys.Select(k => (BoundExpression)new BoundInputRef(k, window.Schema[k].Name, window.Schema[k].Type))
            .Concat(Enumerable.Range(inputCount, 3).Select(i => (BoundExpression)new BoundInputRef(i, window.Schema[i].Name, window.Schema[i].Type)))
            .ToList();
        var sessionNames = sessionColumns.Select((_, i) => "$s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var sessions = new Aggregate(new Project(window, sessionColumns, sessionNames), Enumerable.Range(0, sessionColumns.Count).ToNodeList(), null,
            Sluice.Sql.Ast.NodeList<AggregateCall>.Empty);

        var boolean = Core.Types.DataTypes.Boolean();
        BoundExpression Right(int i) => new BoundInputRef(inputCount + i, sessions.Schema[i].Name, sessions.Schema[i].Type);
        var time = new BoundInputRef(window.TimeColumn, input.Schema[window.TimeColumn].Name, input.Schema[window.TimeColumn].Type);
        var conditions = keys.Select((k, i) => (BoundExpression)BoundCall.Create(Catalog.Functions.BuiltInFunctions.IsNotDistinctFrom, boolean.NotNull(),
                new BoundInputRef(k, input.Schema[k].Name, input.Schema[k].Type), Right(i)))
            .Append(BoundCall.Create(Catalog.Functions.BuiltInFunctions.GreaterThanOrEqual, boolean, time, Right(keys.Count)))
            .Append(BoundCall.Create(Catalog.Functions.BuiltInFunctions.LessThan, boolean, time, Right(keys.Count + 1)))
            .ToList();
        var join = new Join(input, sessions, JoinType.Inner, AndAll(conditions)!);
        var output = Enumerable.Range(0, inputCount).Select(i => (BoundExpression)new BoundInputRef(i, input.Schema[i].Name, input.Schema[i].Type))
            .Concat(Enumerable.Range(0, 3).Select(i => Right(keys.Count + i)))
            .ToList();
        return new Project(join, output, window.Schema.Select(c => c.Name));
    }

    /// <summary>
    /// A window aggregation: the aggregate's keys and arguments are traced down (through projections and filters)
    /// to the window TVF's input row, computed there, assigned to windows (or sessions) and aggregated per key and
    /// window; a final projection orders the columns as the aggregate declares them. With <c>GROUPING SETS</c>,
    /// <c>ROLLUP</c> or <c>CUBE</c> every set is aggregated on its own (each set must keep the window columns), its
    /// missing keys padded with NULLs and its <c>GROUPING</c> / <c>GROUPING_ID</c> values as constants, and the
    /// results united.
    /// </summary>
    private PhysicalStream TranslateWindowAggregate(Aggregate aggregate)
    {
        var (found, columns, conditions) = TraceToWindow(aggregate.Input);
        if (found is Aggregate inner)
        {
            return TranslateCascadedWindowAggregate(aggregate, inner, columns, conditions);
        }

        var window = (WindowTableFunction)found;
        var inputCount = window.Input.Schema.Count;
        var windowStart = inputCount;
        var windowEnd = inputCount + 1;

        var pre = new List<BoundExpression>();
        var names = new List<string>();
        var keyPositions = new List<int>();
        var output = new List<(string Kind, int Index)>();
        foreach (var key in aggregate.GroupKeys)
        {
            var expression = columns[key];
            if (expression is BoundInputRef r && r.Index >= inputCount)
            {
                output.Add((r.Index == windowStart ? "start" : r.Index == windowEnd ? "end" : "time", -1));
                continue;
            }

            CheckNoWindowColumn(expression, inputCount);
            output.Add(("key", keyPositions.Count));
            keyPositions.Add(pre.Count);
            pre.Add(expression);
            names.Add(aggregate.Input.Schema[key].Name);
        }

        var grouping = GroupingValues.Of(aggregate);
        var calls = PrecomputeArguments(aggregate, grouping, columns, pre, names, e => CheckNoWindowColumn(e, inputCount));

        var timeIndex = pre.Count;
        var timeColumn = window.Input.Schema[window.TimeColumn];
        pre.Add(new BoundInputRef(window.TimeColumn, timeColumn.Name, timeColumn.Type));
        names.Add(timeColumn.Name);
        var processingTime = timeColumn.TimeAttribute == TimeAttribute.ProcTime;
        foreach (var condition in conditions)
        {
            CheckNoWindowColumn(condition, inputCount);
        }

        if (window.EmitOnlyOnUpdate)
        {
            // The latest row time of each window, to skip the windows without rows in their last step.
            calls.Add(new Operators.AggregateCall(Operators.AggregateKind.Max, timeIndex, timeColumn.Type.Nullable(), "$lastRowTime"));
        }

        var sets = GroupingSetsOf(aggregate, output);
        var source = Translate(window.Input);
        if (!source.IsInsertOnly)
        {
            throw NotSupported("A window aggregation over an updating input is not supported (Flink requires an insert-only input)");
        }

        var prepared = AddProjection(source, pre, names, AndAll(conditions), "window-prepare", processingTime ? -1 : timeIndex);
        var preparedSchema = prepared.Schema;
        var outputSchema = SchemaOf(aggregate);
        PhysicalStream? assigned = null;
        var results = new List<PhysicalStream>();
        for (var setIndex = 0; setIndex < sets.Count; setIndex++)
        {
            var set = sets[setIndex];
            // The set's keys, as positions among the non-window keys, and as columns of the prepared row.
            var setKeys = Enumerable.Range(0, output.Count).Where(p => output[p].Kind == "key" && set.Contains(p))
                .Select(p => output[p].Index).ToArray();
            var keys = setKeys.Select(k => keyPositions[k]).ToArray();
            PhysicalStream aggregated;
            if (window.Kind == WindowKind.Session)
            {
                if (window.PartitionKeys.Count > 0 && !window.PartitionKeys.All(p => keys.Select(k => pre[k]).OfType<BoundInputRef>().Any(r => r.Index == p)))
                {
                    throw NotSupported("A SESSION window's PARTITION BY columns must also be grouping keys");
                }

                var gap = window.Size;
                var vertex = AddVertex("session-window-aggregate", KeyedParallelism(keys.Length),
                    () => new SessionWindowAggregateOperator(preparedSchema, keys, timeIndex, gap, calls, processingTime, _options.SessionTimeZone));
                Connect(prepared, vertex, keys);
                aggregated = new PhysicalStream(vertex,
                    new SessionWindowAggregateOperator(preparedSchema, keys, timeIndex, gap, calls, processingTime, _options.SessionTimeZone).OutputSchema,
                    ChangelogMode.InsertOnly);
            }
            else if (!processingTime && window.Kind is WindowKind.Hop or WindowKind.Cumulate && SlicingWindowAggregateOperator.CanSlice(calls))
            {
                // Each row accumulated into one slice per key instead of into every window (Flink's slicing window aggregation).
                var spec = Spec(window);
                var vertex = AddVertex("window-aggregate", KeyedParallelism(keys.Length),
                    () => new SlicingWindowAggregateOperator(preparedSchema, keys, timeIndex, spec, calls, _options.SessionTimeZone));
                Connect(prepared, vertex, keys);
                aggregated = new PhysicalStream(vertex,
                    new SlicingWindowAggregateOperator(preparedSchema, keys, timeIndex, spec, calls, _options.SessionTimeZone).OutputSchema,
                    ChangelogMode.InsertOnly);
            }
            else
            {
                var spec = Spec(window);
                var assignedSchema = new WindowAssignOperator(preparedSchema, spec, timeIndex, processingTime, _options.SessionTimeZone).OutputSchema;
                if (assigned is null)
                {
                    var assign = AddVertex("window-assign", prepared.Parallelism, () => new WindowAssignOperator(preparedSchema, spec, timeIndex, processingTime, _options.SessionTimeZone));
                    Connect(prepared, assign);
                    assigned = new PhysicalStream(assign, assignedSchema, ChangelogMode.InsertOnly);
                }

                var start = preparedSchema.Count;
                var end = start + 1;
                var windowTimeType = assignedSchema[end + 1].DataType;
                var vertex = AddVertex("window-aggregate", KeyedParallelism(keys.Length),
                    () => new WindowAggregateOperator(assignedSchema, keys, start, end, calls, processingTime, windowTimeType, _options.SessionTimeZone, insertOnlyInput: true));
                Connect(assigned, vertex, keys);
                aggregated = new PhysicalStream(vertex,
                    new WindowAggregateOperator(assignedSchema, keys, start, end, calls, processingTime, windowTimeType, _options.SessionTimeZone).OutputSchema,
                    ChangelogMode.InsertOnly);
            }

            if (window.EmitOnlyOnUpdate)
            {
                aggregated = SkipUnchangedWindows(aggregated, setKeys.Length, window.Step!.Value);
            }

            results.Add(WindowResult(aggregate, aggregated, output, setKeys, sets, setIndex, grouping, outputSchema));
        }

        return UniteGroupingSets(results, outputSchema);
    }

    /// <summary>
    /// <c>CUMULATE(..., emitOnlyOnUpdate =&gt; TRUE)</c>: keeps a window's result only when a row arrived in its last
    /// step, i.e. when its latest row time (the hidden last aggregate) is at least <c>window_end - step</c>; Flink skips
    /// the other windows, whose result equals the previous window's. The rows keep their columns.
    /// </summary>
    private PhysicalStream SkipUnchangedWindows(PhysicalStream aggregated, int keyCount, TimeSpan step)
    {
        var schema = aggregated.Schema;
        var end = Ref(schema, keyCount + 1);
        var lastRowTime = Ref(schema, schema.Count - 1);
        var stepStart = BoundCall.Create(Catalog.Functions.BuiltInFunctions.Minus, end.Type, end,
            new BoundLiteral(step, Core.Types.DataTypes.IntervalDayTime().NotNull()));
        var changed = BoundCall.Create(Catalog.Functions.BuiltInFunctions.GreaterThanOrEqual, Core.Types.DataTypes.Boolean(), lastRowTime, stepStart);
        var columns = Enumerable.Range(0, schema.Count).Select(i => (BoundExpression)Ref(schema, i)).ToList();
        return AddProjection(aggregated, columns, schema.Fields.Select(f => f.Name).ToList(), changed, "window-emit-on-update", schema.RowTimeIndex);
    }

    /// <summary>
    /// A window aggregation over the output of another window aggregation (Flink's cascaded window aggregation, as in
    /// Nexmark q5: <c>SELECT MAX(num), window_start, window_end FROM (SELECT k, COUNT(*) AS num, window_start, window_end
    /// ... GROUP BY k, window_start, window_end) GROUP BY window_start, window_end</c>). The inner aggregation emits each
    /// window's rows, carrying <c>window_start</c> and <c>window_end</c>; the outer one groups them by its keys and the
    /// same window, so no window is assigned again (Flink's window-attached windowing: the windows are the inner ones,
    /// whatever their kind, SESSION windows included). Event time: the inner rows come before the watermark that fired
    /// them, and the outer window fires at the same watermark. Processing time: the inner rows arrive once their window
    /// ended, so the outer aggregation takes them whenever they come and fires at the next processing-time timer (as
    /// Flink does; bounded inputs fire everything at their end). <c>GROUPING SETS</c>, <c>ROLLUP</c> and <c>CUBE</c>
    /// work as over a window table function: one aggregation per set (each keeping the window columns), united.
    /// </summary>
    private PhysicalStream TranslateCascadedWindowAggregate(Aggregate aggregate, Aggregate inner, List<BoundExpression> columns,
        List<BoundExpression> conditions)
    {
        var window = FindWindowTableFunction(inner)
            ?? throw NotSupported("A window aggregation over a window aggregation needs the inner one to aggregate a window table function");
        var timeColumn = window.Input.Schema[window.TimeColumn];
        var processingTime = timeColumn.TimeAttribute == TimeAttribute.ProcTime;
        var innerSchema = inner.Schema;
        var pre = new List<BoundExpression>();
        var names = new List<string>();
        var keyPositions = new List<int>();
        var output = new List<(string Kind, int Index)>();
        int start = -1, end = -1;
        foreach (var key in aggregate.GroupKeys)
        {
            var expression = columns[key];
            var property = expression is BoundInputRef r ? innerSchema[r.Index].Window : WindowProperty.None;
            switch (property)
            {
                case WindowProperty.WindowStart:
                    start = ((BoundInputRef)expression).Index;
                    output.Add(("start", -1));
                    break;
                case WindowProperty.WindowEnd:
                    end = ((BoundInputRef)expression).Index;
                    output.Add(("end", -1));
                    break;
                case WindowProperty.WindowTime:
                    output.Add(("time", -1));
                    break;
                default:
                    output.Add(("key", keyPositions.Count));
                    keyPositions.Add(pre.Count);
                    pre.Add(expression);
                    names.Add(aggregate.Input.Schema[key].Name);
                    break;
            }
        }

        if (start < 0 || end < 0)
        {
            throw NotSupported("A window aggregation over a window aggregation must group by the inner window_start and window_end");
        }

        var grouping = GroupingValues.Of(aggregate);
        var calls = PrecomputeArguments(aggregate, grouping, columns, pre, names, check: null);

        var sets = GroupingSetsOf(aggregate, output);
        var startColumn = pre.Count;
        pre.Add(new BoundInputRef(start, innerSchema[start].Name, innerSchema[start].Type));
        names.Add("window_start");
        var endColumn = pre.Count;
        pre.Add(new BoundInputRef(end, innerSchema[end].Name, innerSchema[end].Type));
        names.Add("window_end");

        var source = Translate(inner);
        if (!source.IsInsertOnly)
        {
            throw NotSupported("A window aggregation over an updating input is not supported (Flink requires an insert-only input)");
        }

        var prepared = AddProjection(source, pre, names, AndAll(conditions), "window-prepare");
        var preparedSchema = prepared.Schema;
        var windowTimeType = Operators.Windows.WindowTime.WindowTimeType(processingTime ? null : timeColumn.Type);
        var zone = _options.SessionTimeZone;
        var outputSchema = SchemaOf(aggregate);
        var results = new List<PhysicalStream>();
        for (var setIndex = 0; setIndex < sets.Count; setIndex++)
        {
            var set = sets[setIndex];
            var setKeys = Enumerable.Range(0, output.Count).Where(p => output[p].Kind == "key" && set.Contains(p))
                .Select(p => output[p].Index).ToArray();
            var keys = setKeys.Select(k => keyPositions[k]).ToArray();
            var vertex = AddVertex("window-aggregate", KeyedParallelism(keys.Length),
                () => new WindowAggregateOperator(preparedSchema, keys, startColumn, endColumn, calls, processingTime, windowTimeType, zone,
                    insertOnlyInput: true, attachedWindows: true));
            Connect(prepared, vertex, keys);
            var aggregatedSchema = new WindowAggregateOperator(preparedSchema, keys, startColumn, endColumn, calls, processingTime, windowTimeType, zone,
                attachedWindows: true).OutputSchema;
            var aggregated = new PhysicalStream(vertex, aggregatedSchema, ChangelogMode.InsertOnly);
            results.Add(WindowResult(aggregate, aggregated, output, setKeys, sets, setIndex, grouping, outputSchema));
        }

        return UniteGroupingSets(results, outputSchema);
    }

    /// <summary>
    /// The grouping sets of a window aggregation, as positions of its group keys (one set of every key without
    /// <c>GROUPING SETS</c>); each must keep the window columns (those of <paramref name="output"/> not of kind "key").
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<int>> GroupingSetsOf(Aggregate aggregate, List<(string Kind, int Index)> output)
    {
        IReadOnlyList<IReadOnlyList<int>> sets = aggregate.GroupingSets is { } groupingSets
            ? groupingSets
            : [Enumerable.Range(0, aggregate.GroupKeys.Count).ToArray()];
        foreach (var set in sets)
        {
            for (var position = 0; position < output.Count; position++)
            {
                if (output[position].Kind != "key" && !set.Contains(position))
                {
                    throw NotSupported("In a window aggregation with GROUPING SETS, ROLLUP or CUBE, every grouping set must contain window_start and window_end");
                }
            }
        }

        return sets;
    }

    /// <summary>
    /// The final projection of one grouping set's window aggregation, whose operator emits the set's keys,
    /// <c>window_start</c>, <c>window_end</c>, <c>window_time</c>, then the aggregates: the columns in the order the
    /// aggregate declares them, the keys missing from the set as NULLs, <c>GROUPING</c> / <c>GROUPING_ID</c> as constants.
    /// </summary>
    private PhysicalStream WindowResult(Aggregate aggregate, PhysicalStream aggregated, List<(string Kind, int Index)> output, int[] setKeys,
        IReadOnlyList<IReadOnlyList<int>> sets, int setIndex, bool[] grouping, Schema outputSchema)
    {
        var aggregatedSchema = aggregated.Schema;
        var k = setKeys.Length;
        var final = new List<BoundExpression>();
        for (var position = 0; position < output.Count; position++)
        {
            var (kind, index) = output[position];
            var at = Array.IndexOf(setKeys, index);
            final.Add(kind switch
            {
                "key" when at >= 0 => Ref(aggregatedSchema, at),
                "key" => new BoundLiteral(null, outputSchema[position].DataType.Nullable()),
                "start" => Ref(aggregatedSchema, k),
                "end" => Ref(aggregatedSchema, k + 1),
                _ => Ref(aggregatedSchema, k + 2),
            });
        }

        var real = 0;
        for (var c = 0; c < aggregate.Calls.Count; c++)
        {
            var call = aggregate.Calls[c];
            if (grouping[c])
            {
                final.Add(new BoundLiteral(GroupingValues.Value(call, aggregate.GroupKeys, sets, setIndex), call.Type));
            }
            else
            {
                final.Add(Ref(aggregatedSchema, k + 3 + real));
                real++;
            }
        }

        return AddProjection(aggregated, final, outputSchema.Fields.Select(f => f.Name).ToList(), null, "window-result",
            outputSchema.RowTimeIndex);
    }

    /// <summary>The grouping sets' results united (the one result itself without grouping sets).</summary>
    private PhysicalStream UniteGroupingSets(List<PhysicalStream> results, Schema outputSchema)
    {
        if (results.Count == 1)
        {
            return results[0];
        }

        var union = AddVertex("grouping-sets", Parallelism, () => new CalcOperator(outputSchema, null, null, outputSchema));
        foreach (var result in results)
        {
            Connect(result, union);
        }

        return new PhysicalStream(union, outputSchema, ChangelogMode.InsertOnly);
    }

    /// <summary>The window table function a window aggregation's windows come from, following its first inputs down.</summary>
    private static WindowTableFunction? FindWindowTableFunction(LogicalPlan node) => node switch
    {
        WindowTableFunction window => window,
        _ => node.Inputs.Select(FindWindowTableFunction).FirstOrDefault(w => w is not null),
    };

    /// <summary>
    /// Follows projections and filters from <paramref name="node"/> down to a window TVF, or to a window aggregation
    /// (for a window aggregation over its output): each column of <paramref name="node"/> as an expression over that
    /// node's output row, and the filters' conditions over it.
    /// </summary>
    private static (LogicalPlan Window, List<BoundExpression> Columns, List<BoundExpression> Conditions) TraceToWindow(LogicalPlan node)
    {
        var columns = Enumerable.Range(0, node.Schema.Count)
            .Select(i => (BoundExpression)new BoundInputRef(i, node.Schema[i].Name, node.Schema[i].Type)).ToList();
        var conditions = new List<BoundExpression>();
        while (node is not WindowTableFunction and not Aggregate { IsWindowAggregate: true })
        {
            switch (node)
            {
                case Project project:
                {
                    var projections = project.Projections;
                    columns = columns.Select(e => e.Transform(x => x is BoundInputRef r ? projections[r.Index] : x)).ToList();
                    conditions = conditions.Select(e => e.Transform(x => x is BoundInputRef r ? projections[r.Index] : x)).ToList();
                    node = project.Input;
                    break;
                }

                case Filter filter:
                    conditions.Add(filter.Condition);
                    node = filter.Input;
                    break;
                default:
                    throw NotSupported($"A window aggregation over {node.NodeName} is not supported in execution yet; aggregate directly over the window table function");
            }
        }

        return (node, columns, conditions);
    }

    /// <summary>
    /// The physical calls of <paramref name="aggregate"/> (those not marked in <paramref name="grouping"/>), each argument
    /// and filter appended to the pre-projection <paramref name="pre"/> (named in <paramref name="names"/>) and read from
    /// there; <paramref name="check"/> sees each argument and filter expression first.
    /// </summary>
    private static List<Operators.AggregateCall> PrecomputeArguments(Aggregate aggregate, bool[] grouping, IReadOnlyList<BoundExpression> columns,
        List<BoundExpression> pre, List<string> names, Action<BoundExpression>? check)
    {
        var calls = new List<Operators.AggregateCall>();
        foreach (var call in aggregate.Calls.Where((_, i) => !grouping[i]))
        {
            var physical = ToPhysicalCall(call);
            var arguments = new List<int>();
            foreach (var argument in physical.Arguments)
            {
                check?.Invoke(columns[argument]);
                arguments.Add(pre.Count);
                pre.Add(columns[argument]);
                names.Add("$arg" + pre.Count);
            }

            var filter = -1;
            if (physical.FilterColumn >= 0)
            {
                check?.Invoke(columns[physical.FilterColumn]);
                filter = pre.Count;
                pre.Add(columns[physical.FilterColumn]);
                names.Add("$filter" + pre.Count);
            }

            calls.Add(physical with { Arguments = arguments, FilterColumn = filter });
        }

        return calls;
    }

    private static void CheckNoWindowColumn(BoundExpression expression, int inputCount)
    {
        if (expression.Descendants().OfType<BoundInputRef>().Any(r => r.Index >= inputCount))
        {
            throw NotSupported("In a window aggregation, window_start, window_end and window_time may only be grouped by, not computed with");
        }
    }

    private static BoundExpression? AndAll(IReadOnlyList<BoundExpression> conditions) =>
        conditions.Count == 0 ? null : conditions.Aggregate((a, b) => BoundCall.Create(Catalog.Functions.BuiltInFunctions.And,
            Core.Types.DataTypes.Boolean().WithNullability(a.Type.IsNullable || b.Type.IsNullable), a, b));

    private static WindowSpec Spec(WindowTableFunction window) => window.Kind switch
    {
        WindowKind.Tumble => WindowSpec.Tumble(window.Size, window.Offset ?? TimeSpan.Zero),
        WindowKind.Hop => WindowSpec.Hop(window.Step!.Value, window.Size, window.Offset ?? TimeSpan.Zero),
        WindowKind.Cumulate => WindowSpec.Cumulate(window.Step!.Value, window.Size, window.Offset ?? TimeSpan.Zero),
        _ => throw NotSupported("SESSION windows are assigned by the session window aggregation"),
    };

    /// <summary>
    /// The zone whose wall-clock times the <c>window_end</c> values of <paramref name="plan"/> are: the session time
    /// zone when they come from windows of a TIMESTAMP_LTZ (or processing) time attribute, else null (UTC).
    /// </summary>
    private TimeZoneInfo? WindowEndZone(LogicalPlan plan) => plan switch
    {
        WindowTableFunction window => Operators.Windows.WindowTime.AlignmentZone(
            window.Input.Schema[window.TimeColumn].TimeAttribute == TimeAttribute.ProcTime ? null : window.Input.Schema[window.TimeColumn].Type,
            _options.SessionTimeZone),
        _ => plan.Inputs.Select(WindowEndZone).FirstOrDefault(zone => zone is not null),
    };
}
