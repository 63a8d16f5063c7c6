using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// The key columns of a null-aware anti join (<c>x NOT IN (SELECT y ...)</c>, condition <c>(x = y) IS NOT FALSE</c>;
    /// <c>(a, b) NOT IN (SELECT x, y ...)</c>, condition <c>(a = x AND b = y) IS NOT FALSE</c>; each equality between a
    /// column of each side), or null when <paramref name="join"/> is not one.
    /// </summary>
    private static (int[] Left, int[] Right)? NullAwareAntiJoinKeys(Join join)
    {
        if (join.JoinType != JoinType.Anti
            || join.Condition is not BoundCall { Operands.Count: 1 } test || !ReferenceEquals(test.Function, BuiltInFunctions.IsNotFalse))
        {
            return null;
        }

        var leftCount = join.Left.Schema.Count;
        var left = new List<int>();
        var right = new List<int>();
        var pending = new Stack<BoundExpression>([test.Operands[0]]);
        while (pending.TryPop(out var conjunct))
        {
            if (conjunct is BoundCall { Operands.Count: 2 } and && ReferenceEquals(and.Function, BuiltInFunctions.And))
            {
                pending.Push(and.Operands[1]);
                pending.Push(and.Operands[0]);
                continue;
            }

            if (conjunct is not BoundCall { Operands.Count: 2 } equal || !ReferenceEquals(equal.Function, BuiltInFunctions.EqualTo)
                || equal.Operands[0] is not BoundInputRef a || equal.Operands[1] is not BoundInputRef b
                || (a.Index < leftCount) == (b.Index < leftCount))
            {
                return null;
            }

            left.Add(Math.Min(a.Index, b.Index));
            right.Add(Math.Max(a.Index, b.Index) - leftCount);
        }

        return left.Count == 0 ? null : (left.ToArray(), right.ToArray());
    }

    /// <summary>
    /// Translates <c>x NOT IN (SELECT y ...)</c> and <c>(a, b) NOT IN (SELECT x, y ...)</c>. A pair of columns that are
    /// NOT NULL on both sides and equal exactly when their encodings are (not FLOAT/DOUBLE, where <c>-0.0 = 0.0</c>)
    /// can only be equal for the same value, so it partitions the join: an anti join keyed by those pairs, the other
    /// pairs compared null-aware (<c>(b = y) IS NOT FALSE</c>) per pair of rows, by SQL value. When no pair partitions
    /// and some pair needs SQL value equality, the whole comparison runs as a keyless anti join (parallelism 1, as in
    /// Flink). Otherwise one <see cref="NullAwareAntiJoinOperator"/> or <see cref="NullAwareRowAntiJoinOperator"/> at
    /// parallelism 1 sees every row of both sides, since a NULL on the right may reject every left row.
    /// </summary>
    private PhysicalStream TranslateNullAwareAntiJoin(Join join, int[] leftKeys, int[] rightKeys)
    {
        var left = Translate(join.Left);
        var right = Translate(join.Right);
        var partitioning = new List<int>();
        var byValue = false;
        for (var i = 0; i < leftKeys.Length; i++)
        {
            var l = left.Schema[leftKeys[i]].DataType;
            var r = right.Schema[rightKeys[i]].DataType;
            var exact = l.PhysicalType == r.PhysicalType && l.Scale == r.Scale && l.TypeId is not (TypeId.Float or TypeId.Double)
                && (l.EqualsIgnoringNullability(r) || (TypeRules.IsCharacter(l) && TypeRules.IsCharacter(r)));
            if (exact && l.EqualsIgnoringNullability(r) && !l.IsNullable && !r.IsNullable)
            {
                partitioning.Add(i);
            }

            byValue |= !exact;
        }

        if (partitioning.Count > 0 || byValue)
        {
            var lk = partitioning.Select(i => leftKeys[i]).ToArray();
            var rk = partitioning.Select(i => rightKeys[i]).ToArray();
            var rest = NotInEqualities(join).Where((_, i) => !partitioning.Contains(i)).ToList();
            BoundExpression? residual = rest.Count == 0
                ? null
                : BoundCall.Create(BuiltInFunctions.IsNotFalse, DataTypes.Boolean().NotNull(), rest.Count == 1
                    ? rest[0]
                    : BoundCall.Create(BuiltInFunctions.And, DataTypes.Boolean(), [.. rest]));
            return TranslateSemiAntiJoin(join, lk, rk, residual);
        }

        var leftSchema = left.Schema;
        var rightSchema = right.Schema;
        var ttl = _options.StateTtl;
        var vertex = leftKeys.Length == 1
            ? AddVertex("not-in-anti-join", KeyedParallelism(0),
                () => new NullAwareAntiJoinOperator(leftSchema, rightSchema, leftKeys[0], rightKeys[0], ttl))
            : AddVertex("not-in-row-anti-join", KeyedParallelism(0),
                () => new NullAwareRowAntiJoinOperator(leftSchema, rightSchema, leftKeys, rightKeys, ttl));
        Connect(left, vertex, [], 0);
        Connect(right, vertex, [], 1);
        return new PhysicalStream(vertex, SchemaOf(join), ChangelogMode.Of(RowKind.Insert, RowKind.Delete));
    }

    /// <summary>The equalities of a <c>NOT IN</c> condition <c>(a = x AND b = y ...) IS NOT FALSE</c>, in the order of its keys.</summary>
    private static List<BoundExpression> NotInEqualities(Join join)
    {
        var equalities = new List<BoundExpression>();
        var pending = new Stack<BoundExpression>([((BoundCall)join.Condition).Operands[0]]);
        while (pending.TryPop(out var conjunct))
        {
            if (conjunct is BoundCall { Operands.Count: 2 } and && ReferenceEquals(and.Function, BuiltInFunctions.And))
            {
                pending.Push(and.Operands[1]);
                pending.Push(and.Operands[0]);
                continue;
            }

            equalities.Add(conjunct);
        }

        return equalities;
    }
}
