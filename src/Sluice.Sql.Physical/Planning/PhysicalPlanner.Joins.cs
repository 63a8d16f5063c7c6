using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.Sql.Physical.Operators.SetOps;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// An interval join (<c>a.t BETWEEN b.t - INTERVAL .. AND b.t + INTERVAL ..</c> on insert-only inputs with time
    /// attributes), or null when the join has no such bounds.
    /// </summary>
    private PhysicalStream? TryTranslateIntervalJoin(Join join, JoinKind kind)
    {
        if (IntervalJoinCondition.TryFind(join.Condition, join.Left.Schema, join.Right.Schema) is not { } time)
        {
            return null;
        }

        var left = Translate(join.Left);
        var right = Translate(join.Right);
        if (!left.IsInsertOnly || !right.IsInsertOnly)
        {
            return null;
        }

        var leftCount = join.Left.Schema.Count;
        var (leftKeys, rightKeys, residual) = time.Remaining is { } remaining ? SplitEquiCondition(remaining, leftCount) : ([], [], null);
        // An outer join's further condition decides which rows match (and so which are padded): the join evaluates it.
        var condition = kind == JoinKind.Inner ? null : residual;

        CheckKeyTypes(left, right, leftKeys, rightKeys);
        var domain = join.Left.Schema[time.LeftTime].TimeAttribute == TimeAttribute.RowTime
            && join.Right.Schema[time.RightTime].TimeAttribute == TimeAttribute.RowTime
            ? JoinTimeDomain.EventTime
            : JoinTimeDomain.ProcessingTime;
        var bounds = new IntervalJoinBounds(time.LowerMillis, time.LowerInclusive, time.UpperMillis, time.UpperInclusive);
        var leftSchema = left.Schema;
        var rightSchema = right.Schema;
        var lk = leftKeys.ToArray();
        var rk = rightKeys.ToArray();
        var zone = _options.SessionTimeZone;
        var vertex = AddVertex("interval-join", KeyedParallelism(lk.Length),
            () => new IntervalJoinOperator(leftSchema, rightSchema, lk, rk, kind, bounds, domain, time.LeftTime, time.RightTime, condition, zone));
        Connect(left, vertex, lk, 0);
        Connect(right, vertex, rk, 1);
        var stream = new PhysicalStream(vertex, SchemaOf(join), ChangelogMode.InsertOnly);
        return residual is null || condition is not null ? stream : AddFilter(stream, residual, "join-filter");
    }

    private PhysicalStream TranslateTemporalJoin(TemporalJoin join)
    {
        var kind = join.JoinType switch
        {
            JoinType.Inner => JoinKind.Inner,
            JoinType.Left => JoinKind.Left,
            _ => throw NotSupported($"A {join.JoinType.ToString().ToUpperInvariant()} temporal join is not supported (Flink supports INNER and LEFT)"),
        };
        if (join.PeriodKind != TimeAttribute.RowTime)
        {
            return TranslateLookupJoin(join, kind);
        }

        var leftCount = join.Left.Schema.Count;
        var (leftKeys, rightKeys, residual) = SplitEquiCondition(join.Condition, leftCount);
        if (leftKeys.Count == 0)
        {
            throw NotSupported("A temporal join needs an equality on the versioned table's primary key");
        }

        var left = Translate(join.Left);
        var right = Translate(join.Right);
        CheckKeyTypes(left, right, leftKeys, rightKeys);
        var leftTime = join.Period is BoundInputRef p ? p.Index : -1;
        var rightTime = right.Schema.RowTimeIndex;
        if (leftTime < 0 || rightTime < 0)
        {
            throw NotSupported("An event-time temporal join needs the left row time in FOR SYSTEM_TIME AS OF and a versioned table with a WATERMARK");
        }

        var leftSchema = left.Schema;
        var rightSchema = right.Schema;
        var lk = leftKeys.ToArray();
        var rk = rightKeys.ToArray();
        // A LEFT join's further condition decides whether the version matches (else the row is padded): the join evaluates it.
        var condition = kind == JoinKind.Inner ? null : residual;
        var zone = _options.SessionTimeZone;
        var vertex = AddVertex("temporal-join", KeyedParallelism(lk.Length),
            () => new TemporalJoinOperator(leftSchema, rightSchema, lk, rk, kind, leftTime, rightTime, condition, zone));
        Connect(left, vertex, lk, 0);
        Connect(right, vertex, rk, 1);
        var stream = new PhysicalStream(vertex, SchemaOf(join), ChangelogMode.InsertOnly);
        return residual is null || condition is not null ? stream : AddFilter(stream, residual, "join-filter");
    }

    /// <summary>
    /// A processing-time temporal join with a table whose connector can be looked up (<see cref="ILookupTableSource"/>):
    /// the table is read by key per input batch rather than scanned. The table side may be the table itself or a
    /// projection of its columns (as column pruning leaves it); its computed columns are computed after the lookup.
    /// </summary>
    private PhysicalStream TranslateLookupJoin(TemporalJoin join, JoinKind kind)
    {
        var (scan, tableColumns) = join.Right switch
        {
            TableScan s => (s, Enumerable.Range(0, s.Schema.Count).ToArray()),
            Project { Input: TableScan s } p when p.Projections.All(e => e is BoundInputRef)
                => (s, p.Projections.Select(e => ((BoundInputRef)e).Index).ToArray()),
            _ => throw NotSupported("A lookup join (FOR SYSTEM_TIME AS OF a processing-time attribute) must join a table directly, not a view or subquery over it"),
        };
        var table = scan.Table;
        var (source, expressions, storedSchema) = CreateTableSource(table);
        if (source is not ILookupTableSource lookup)
        {
            throw new Core.Errors.SluiceException(
                $"Table '{table.Identifier.Name}' (connector '{table.Options.GetValueOrDefault("connector")}') cannot be looked up: a processing-time "
                + "temporal join (FOR SYSTEM_TIME AS OF a PROCTIME() attribute) needs a lookup-capable connector such as 'postgres' or 'jdbc'",
                Core.Errors.ErrorDomain.User);
        }

        // Each column of the join's right side, as the stored column it reads (or -1 when it is computed).
        var rightToStored = tableColumns.Select(c => expressions.Columns[c] is BoundInputRef r ? r.Index : -1).ToArray();
        var (leftPlan, joinCondition) = WithComputedLookupKeys(join);
        var originalLeftCount = join.Left.Schema.Count;
        var leftCount = leftPlan.Schema.Count;
        var (leftKeys, rightKeys, residual) = SplitEquiCondition(joinCondition, leftCount);
        if (leftKeys.Count == 0)
        {
            throw NotSupported($"A lookup join with '{table.Identifier.Name}' needs an equality between a column of the left side and a column of the table");
        }

        var lookupKeys = rightKeys.Select(k => rightToStored[k]).ToArray();
        if (lookupKeys.Any(k => k < 0))
        {
            throw NotSupported($"A lookup join with '{table.Identifier.Name}' can only look up physical columns, not computed ones");
        }

        BoundExpression? condition = null;
        if (residual is not null)
        {
            if (residual.Descendants().OfType<BoundInputRef>().Select(r => r.Index).Any(c => c >= leftCount && rightToStored[c - leftCount] < 0))
            {
                throw NotSupported($"A lookup join condition on computed columns of '{table.Identifier.Name}' is not supported in execution yet");
            }

            condition = residual.Transform(e => e is BoundInputRef r && r.Index >= leftCount ? r with { Index = leftCount + rightToStored[r.Index - leftCount] } : e);
        }

        var left = Translate(leftPlan);
        var leftSchema = left.Schema;
        var lk = leftKeys.ToArray();
        for (var i = 0; i < lk.Length; i++)
        {
            var l = leftSchema[lk[i]].DataType;
            var r = storedSchema[lookupKeys[i]].DataType;
            if (l.PhysicalType != r.PhysicalType || l.Scale != r.Scale)
            {
                throw NotSupported($"The lookup join key {leftSchema[lk[i]].Name} = {storedSchema[lookupKeys[i]].Name} compares {l} with {r}; cast the left side to {r}");
            }
        }

        var timeZone = _options.SessionTimeZone;
        var vertex = AddVertex("lookup-join:" + table.Identifier.Name, left.Parallelism,
            () => new LookupJoinOperator(leftSchema, storedSchema, lk, lookupKeys, kind, () => lookup.CreateLookupFunction(lookupKeys), condition, timeZone));
        Connect(left, vertex);
        var joined = LookupJoinOperator.OutputSchemaOf(leftSchema, storedSchema, kind);
        var stream = new PhysicalStream(vertex, joined, left.Mode);

        // The join's right side from the stored columns: computed columns and the projection.
        var output = SchemaOf(join);
        var identity = leftCount == originalLeftCount && leftCount + storedSchema.Count == output.Count
            && rightToStored.Select((s, i) => s == i).All(x => x);
        if (identity)
        {
            return stream with { Schema = output };
        }

        var projection = Enumerable.Range(0, originalLeftCount).Select(i => (BoundExpression)new BoundInputRef(i, joined[i].Name, joined[i].DataType))
            .Concat(tableColumns.Select(c => expressions.Columns[c].Transform(e => e is BoundInputRef r ? new BoundInputRef(leftCount + r.Index, r.Name, joined[leftCount + r.Index].DataType) : e)))
            .ToList();
        var calc = AddVertex("lookup-columns:" + table.Identifier.Name, stream.Parallelism,
            () => new CalcOperator(joined, null, projection, output, sessionTimeZone: timeZone));
        Connect(stream, calc);
        return new PhysicalStream(calc, output, left.Mode);
    }

    /// <summary>
    /// The left side of a lookup join and its condition, with each equality between an expression of left columns and
    /// a table column (<c>ON MOD(b.auction, 10000) = s.key</c>) turned into one between a column and a table column:
    /// the expression becomes an extra left column (a projection below the join, as Flink pushes it down), which the
    /// projection after the join drops again.
    /// </summary>
    private static (LogicalPlan Left, BoundExpression Condition) WithComputedLookupKeys(TemporalJoin join)
    {
        var leftCount = join.Left.Schema.Count;
        var conjuncts = Conjuncts(join.Condition).ToList();
        var computed = new List<BoundExpression>();
        var keyed = new Dictionary<int, (int Extra, BoundInputRef Right)>();
        for (var i = 0; i < conjuncts.Count; i++)
        {
            if (conjuncts[i] is BoundCall { Operands.Count: 2 } call && ReferenceEquals(call.Function, BuiltInFunctions.EqualTo)
                && OneSided(call.Operands[0], call.Operands[1], leftCount) is { } pair)
            {
                keyed[i] = (computed.Count, pair.Right);
                computed.Add(pair.Left);
            }
        }

        if (computed.Count == 0)
        {
            return (join.Left, join.Condition);
        }

        var shift = computed.Count;
        var leftSchema = join.Left.Schema;
        var projections = Enumerable.Range(0, leftCount)
            .Select(i => (BoundExpression)new BoundInputRef(i, leftSchema[i].Name, leftSchema[i].Type))
            .Concat(computed);
        var names = leftSchema.Names.Concat(computed.Select((_, j) => $"$lookup_key{j}"));
        var left = new Project(join.Left, projections, names);
        BoundExpression ShiftRight(BoundExpression e) =>
            e.Transform(x => x is BoundInputRef r && r.Index >= leftCount ? r with { Index = r.Index + shift } : x);
        var rewritten = conjuncts.Select((c, i) => keyed.TryGetValue(i, out var key)
                ? BoundCall.Create(BuiltInFunctions.EqualTo, c.Type,
                    [new BoundInputRef(leftCount + key.Extra, $"$lookup_key{key.Extra}", computed[key.Extra].Type), ShiftRight(key.Right)])
                : ShiftRight(c))
            .ToList();
        var condition = rewritten.Count == 1
            ? rewritten[0]
            : BoundCall.Create(BuiltInFunctions.And, join.Condition.Type, [.. rewritten]);
        return (left, condition);
    }

    /// <summary>(expression of left columns only, right column) when the two operands are that pair in either order.</summary>
    private static (BoundExpression Left, BoundInputRef Right)? OneSided(BoundExpression a, BoundExpression b, int leftCount)
    {
        static bool LeftOnly(BoundExpression e, int leftCount)
        {
            var refs = e.Descendants().Prepend(e).OfType<BoundInputRef>().ToList();
            return e is not BoundInputRef && refs.Count > 0 && refs.All(r => r.Index < leftCount);
        }

        if (b is BoundInputRef rb && rb.Index >= leftCount && LeftOnly(a, leftCount))
        {
            return (a, rb);
        }

        return a is BoundInputRef ra && ra.Index >= leftCount && LeftOnly(b, leftCount) ? (b, ra) : null;
    }

    private PhysicalStream TranslateSetOperation(SetOperation operation, SetOperationKind kind)
    {
        var inputs = operation.Inputs.Select(Translate).ToList();
        var result = inputs[0];
        for (var i = 1; i < inputs.Count; i++)
        {
            var left = result;
            var right = inputs[i];
            var leftSchema = left.Schema;
            var rightSchema = right.Schema;
            var all = Enumerable.Range(0, leftSchema.Count).ToArray();
            var vertex = AddVertex(kind.ToString().ToLowerInvariant(), Parallelism, () => new SetOperationOperator(leftSchema, rightSchema, kind));
            Connect(left, vertex, all, 0);
            Connect(right, vertex, all, 1);
            result = new PhysicalStream(vertex, leftSchema.WithRowTime(-1), ChangelogMode.Of(Core.Batches.RowKind.Insert, Core.Batches.RowKind.Delete));
        }

        return result with { Schema = SchemaOf(operation) };
    }

    private PhysicalStream AddFilter(PhysicalStream stream, BoundExpression condition, string name)
    {
        var schema = stream.Schema;
        var vertex = AddVertex(name, stream.Parallelism, () => new CalcOperator(schema, condition, null, schema, sessionTimeZone: _options.SessionTimeZone));
        Connect(stream, vertex);
        return stream with { Vertex = vertex };
    }

    /// <summary>
    /// A window join: both sides carry window_start and window_end (window TVFs of the same kind) and the condition
    /// equates them; the rest of the equalities are the join keys. Null when the join is not one.
    /// </summary>
    private PhysicalStream? TryTranslateWindowJoin(Join join, List<int> leftKeys, List<int> rightKeys, BoundExpression? residual)
    {
        var leftSchema = join.Left.Schema;
        var rightSchema = join.Right.Schema;
        int Find(List<int> keys, PlanSchema schema, Sluice.Sql.Planning.WindowProperty property) =>
            keys.FindIndex(k => schema[k].Window == property);
        var startAt = Find(leftKeys, leftSchema, Sluice.Sql.Planning.WindowProperty.WindowStart);
        var endAt = Find(leftKeys, leftSchema, Sluice.Sql.Planning.WindowProperty.WindowEnd);
        if (startAt < 0 || endAt < 0
            || rightSchema[rightKeys[startAt]].Window != Sluice.Sql.Planning.WindowProperty.WindowStart
            || rightSchema[rightKeys[endAt]].Window != Sluice.Sql.Planning.WindowProperty.WindowEnd)
        {
            return null;
        }

        var left = Translate(join.Left);
        var right = Translate(join.Right);
        if (!left.IsInsertOnly || !right.IsInsertOnly)
        {
            return null;
        }

        var leftWindow = new Operators.WindowJoin.WindowColumns(leftKeys[startAt], leftKeys[endAt]);
        var rightWindow = new Operators.WindowJoin.WindowColumns(rightKeys[startAt], rightKeys[endAt]);
        var lk = leftKeys.Where((_, i) => i != startAt && i != endAt).ToArray();
        var rk = rightKeys.Where((_, i) => i != startAt && i != endAt).ToArray();
        CheckKeyTypes(left, right, lk, rk);
        var kind = join.JoinType switch
        {
            JoinType.Inner => Operators.WindowJoin.WindowJoinKind.Inner,
            JoinType.Left => Operators.WindowJoin.WindowJoinKind.Left,
            JoinType.Right => Operators.WindowJoin.WindowJoinKind.Right,
            JoinType.Full => Operators.WindowJoin.WindowJoinKind.Full,
            JoinType.Semi => Operators.WindowJoin.WindowJoinKind.Semi,
            _ => Operators.WindowJoin.WindowJoinKind.Anti,
        };
        var ls = left.Schema;
        var rs = right.Schema;
        var leftZone = WindowEndZone(join.Left);
        var rightZone = WindowEndZone(join.Right);
        if (!Equals(leftZone, rightZone))
        {
            throw NotSupported("A window join of windows over a TIMESTAMP_LTZ attribute with windows over a TIMESTAMP attribute is not supported in a session time zone other than UTC");
        }

        var vertex = AddVertex("window-join", KeyedParallelism(lk.Length),
            () => new Operators.WindowJoin.WindowJoinOperator(ls, rs, lk, rk, leftWindow, rightWindow, kind, residual) { WindowEndZone = leftZone });
        Connect(left, vertex, lk, 0);
        Connect(right, vertex, rk, 1);
        return new PhysicalStream(vertex, SchemaOf(join).WithRowTime(-1), ChangelogMode.InsertOnly);
    }
}
