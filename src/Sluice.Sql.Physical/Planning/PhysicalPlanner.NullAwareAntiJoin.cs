using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
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
    /// Translates <c>x NOT IN (SELECT y ...)</c> (one <see cref="NullAwareAntiJoinOperator"/>) and
    /// <c>(a, b) NOT IN (SELECT x, y ...)</c> (one <see cref="NullAwareRowAntiJoinOperator"/>): an operator that sees
    /// every row of both sides (parallelism 1), since a NULL on the right may reject every left row.
    /// </summary>
    private PhysicalStream TranslateNullAwareAntiJoin(Join join, int[] leftKeys, int[] rightKeys)
    {
        var left = Translate(join.Left);
        var right = Translate(join.Right);
        for (var i = 0; i < leftKeys.Length; i++)
        {
            // Character strings of different lengths (CHAR(1) literals against STRING columns) compare by their bytes.
            var l = left.Schema[leftKeys[i]].DataType;
            var r = right.Schema[rightKeys[i]].DataType;
            if (!l.EqualsIgnoringNullability(r) && !(TypeRules.IsCharacter(l) && TypeRules.IsCharacter(r)))
            {
                throw NotSupported($"NOT IN comparing {l} with {r} is not supported in execution yet; CAST one side");
            }
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
}
