using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private PhysicalStream TranslateJoin(Join join)
    {
        var leftCount = join.Left.Schema.Count;
        var (leftKeys, rightKeys, residual) = SplitEquiCondition(join.Condition, leftCount);
        if (TryTranslateWindowJoin(join, leftKeys, rightKeys, residual) is { } windowJoin)
        {
            return windowJoin;
        }

        if (join.JoinType is JoinType.Inner or JoinType.Left or JoinType.Right or JoinType.Full
            && TryTranslateIntervalJoin(join, ToJoinKind(join.JoinType)) is { } interval)
        {
            return interval;
        }

        if (IsScalarSubqueryJoin(join))
        {
            return TranslateScalarSubqueryJoin(join);
        }

        if (NullAwareAntiJoinKeys(join) is var (nullAwareLeft, nullAwareRight))
        {
            return TranslateNullAwareAntiJoin(join, nullAwareLeft, nullAwareRight);
        }

        if (join.JoinType is JoinType.Semi or JoinType.Anti)
        {
            return TranslateSemiAntiJoin(join, leftKeys.ToArray(), rightKeys.ToArray(), residual);
        }

        // A join without any condition (a cross join, a comma join, ON TRUE) runs as Flink runs it in streaming: every
        // row at parallelism 1, each pair joined (Join(joinType=[InnerJoin], where=[true]) over single exchanges).
        if (leftKeys.Count == 0 && residual is null)
        {
            residual = BoundLiteral.True;
        }

        var kind = ToJoinKind(join.JoinType);

        // An outer join's residual decides which rows match (and so which are padded): the join evaluates it. So does a
        // join without keys (a non-equi join, as of a decorrelated subquery), which runs at parallelism 1 as in Flink.
        var condition = kind == JoinKind.Inner && leftKeys.Count > 0 ? null : residual;

        var left = Translate(join.Left);
        var right = Translate(join.Right);
        CheckKeyTypes(left, right, leftKeys, rightKeys);
        var outputSchema = SchemaOf(join);
        var leftSchema = left.Schema;
        var rightSchema = right.Schema;
        var lk = leftKeys.ToArray();
        var rk = rightKeys.ToArray();
        var ttl = _options.StateTtl;
        var zone = _options.SessionTimeZone;
        var forward = kind == JoinKind.Inner && residual is null && KeepsJoinKey(left, lk) && KeepsJoinKey(right, rk);
        var cleanup = FindJoinStateCleanup(join, kind, residual, left, right);
        var leftInsertOnly = left.IsInsertOnly;
        var rightInsertOnly = right.IsInsertOnly;
        var vertex = AddVertex("join", KeyedParallelism(lk.Length),
            () => new JoinOperator(leftSchema, rightSchema, lk, rk, kind, ttl, condition, zone)
            {
                ForwardUpdateKinds = forward,
                StateCleanup = cleanup,
                LeftInsertOnly = leftInsertOnly,
                RightInsertOnly = rightInsertOnly,
            });
        Connect(left, vertex, lk, 0);
        Connect(right, vertex, rk, 1);
        var mode = left.IsInsertOnly && right.IsInsertOnly && kind == JoinKind.Inner
            ? ChangelogMode.InsertOnly
            : forward && (left.Mode.Contains(RowKind.UpdateAfter) || right.Mode.Contains(RowKind.UpdateAfter))
                ? ChangelogMode.All
                : ChangelogMode.Of(RowKind.Insert, RowKind.Delete);
        var stream = new PhysicalStream(vertex, outputSchema, mode, kind == JoinKind.Inner ? JoinUpsertKey(left, right, lk, rk) : null);
        return residual is null || condition is not null ? stream : AddFilter(stream, residual, "join-filter");
    }

    /// <summary>
    /// True when an update of <paramref name="input"/> never changes its join key: it is insert-only, or its upsert key
    /// holds every join key column (an update keeps the upsert key). Then an inner join can pass -U/+U through as Flink
    /// does and the pairs stay pairs (the same rows of the other side match both), which upsert sinks, that skip -U,
    /// rely on; otherwise it emits -D/+I.
    /// </summary>
    private static bool KeepsJoinKey(PhysicalStream input, int[] joinKeys) =>
        input.IsInsertOnly || (input.UpsertKey is { Length: > 0 } key && joinKeys.Length > 0 && joinKeys.All(key.Contains));

    /// <summary>
    /// The upsert key of an inner join's output: the pair of both sides' upsert keys; only one side's when the other
    /// side has at most one row per join key (its upsert key lies within its join key); null when a side has none.
    /// </summary>
    private static int[]? JoinUpsertKey(PhysicalStream left, PhysicalStream right, int[] leftKeys, int[] rightKeys)
    {
        if (left.UpsertKey is not { Length: > 0 } l || right.UpsertKey is not { Length: > 0 } r)
        {
            return null;
        }

        var width = left.Schema.Count;
        var shifted = r.Select(c => c + width).ToArray();
        if (r.All(rightKeys.Contains))
        {
            return l;
        }

        return l.All(leftKeys.Contains) ? shifted : [.. l, .. shifted];
    }

    private static JoinKind ToJoinKind(JoinType type) => type switch
    {
        JoinType.Inner => JoinKind.Inner,
        JoinType.Left => JoinKind.Left,
        JoinType.Right => JoinKind.Right,
        JoinType.Full => JoinKind.Full,
        _ => throw NotSupported($"{type.ToString().ToUpperInvariant()} joins are not supported in execution yet"),
    };

    /// <summary>
    /// A semi or anti join (<c>[NOT] EXISTS</c>, <c>[NOT] IN</c>): keyed by the equalities between the sides, with the
    /// rest of the condition (a correlation by non-equalities, or <c>NOT IN</c>'s null-aware comparison next to a
    /// correlation) evaluated per pair by the operator. Without any equality every row goes to one subtask, as Flink
    /// runs a join without keys.
    /// </summary>
    private PhysicalStream TranslateSemiAntiJoin(Join join, int[] leftKeys, int[] rightKeys, BoundExpression? residual)
    {
        var anti = join.JoinType == JoinType.Anti;
        var left = Translate(join.Left);
        var right = Translate(join.Right);
        CheckKeyTypes(left, right, leftKeys, rightKeys);
        var leftSchema = left.Schema;
        var rightSchema = right.Schema;
        var ttl = _options.StateTtl;
        var zone = _options.SessionTimeZone;
        var condition = residual ?? (leftKeys.Length == 0 ? BoundLiteral.True : null);
        var vertex = AddVertex(anti ? "anti-join" : "semi-join", KeyedParallelism(leftKeys.Length),
            () => new SemiAntiJoinOperator(leftSchema, rightSchema, leftKeys, rightKeys, anti, ttl, condition, zone));
        Connect(left, vertex, leftKeys, 0);
        Connect(right, vertex, rightKeys, 1);
        var mode = !anti && left.IsInsertOnly && right.IsInsertOnly ? ChangelogMode.InsertOnly : ChangelogMode.Of(RowKind.Insert, RowKind.Delete);
        return new PhysicalStream(vertex, SchemaOf(join), mode);
    }

    private static void CheckKeyTypes(PhysicalStream left, PhysicalStream right, IReadOnlyList<int> leftKeys, IReadOnlyList<int> rightKeys)
    {
        for (var i = 0; i < leftKeys.Count; i++)
        {
            if (!SameKeyEncoding(left.Schema[leftKeys[i]].DataType, right.Schema[rightKeys[i]].DataType))
            {
                throw NotSupported($"Joining {left.Schema[leftKeys[i]].DataType} with {right.Schema[rightKeys[i]].DataType} keys is not supported in execution yet; CAST one side");
            }
        }
    }

    /// <summary>
    /// True when keys of the two types encode and hash alike: equal types, or types of one kind and storage that differ
    /// only in length or precision (<c>VARCHAR(5)</c> and <c>STRING</c>, <c>BINARY(4)</c> and <c>BYTES</c>,
    /// <c>TIMESTAMP(3)</c> and <c>TIMESTAMP(6)</c>, <c>DECIMAL(10, 2)</c> and <c>DECIMAL(12, 2)</c>).
    /// </summary>
    private static bool SameKeyEncoding(DataType left, DataType right)
    {
        if (left.EqualsIgnoringNullability(right))
        {
            return true;
        }

        static int Kind(TypeId id) => id switch
        {
            TypeId.Char or TypeId.VarChar => (int)TypeId.VarChar,
            TypeId.Binary or TypeId.VarBinary => (int)TypeId.VarBinary,
            _ => (int)id,
        };

        return !left.IsNested && !right.IsNested && Kind(left.TypeId) == Kind(right.TypeId)
            && left.PhysicalType == right.PhysicalType && left.Scale == right.Scale;
    }

    /// <summary>
    /// Splits a join condition into pairs of equal columns (left column, right column) and the rest (null when
    /// nothing remains).
    /// </summary>
    internal static (List<int> Left, List<int> Right, BoundExpression? Residual) SplitEquiCondition(BoundExpression condition, int leftCount)
    {
        var left = new List<int>();
        var right = new List<int>();
        var rest = new List<BoundExpression>();
        foreach (var conjunct in Conjuncts(condition))
        {
            if (conjunct is BoundCall { Operands.Count: 2 } call && ReferenceEquals(call.Function, BuiltInFunctions.EqualTo)
                && call.Operands[0] is BoundInputRef a && call.Operands[1] is BoundInputRef b
                && (a.Index < leftCount) != (b.Index < leftCount))
            {
                var (l, r) = a.Index < leftCount ? (a, b) : (b, a);
                left.Add(l.Index);
                right.Add(r.Index - leftCount);
            }
            else if (conjunct is not BoundLiteral { Value: true })
            {
                rest.Add(conjunct);
            }
        }

        BoundExpression? residual = rest.Count switch
        {
            0 => null,
            1 => rest[0],
            _ => BoundCall.Create(BuiltInFunctions.And, DataTypes.Boolean().WithNullability(rest.Any(r => r.Type.IsNullable)), [.. rest]),
        };
        return (left, right, residual);
    }

    /// <summary>The conjuncts of an <c>AND</c> tree (the expression itself when it is not an <c>AND</c>).</summary>
    internal static IEnumerable<BoundExpression> Conjuncts(BoundExpression expression) => Conjunction.Conjuncts(expression);
}
