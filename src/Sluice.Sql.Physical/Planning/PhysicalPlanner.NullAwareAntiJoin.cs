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
    /// The key columns of a null-aware anti join (<c>x NOT IN (SELECT y ...)</c>, condition <c>(x = y) IS NOT
    /// FALSE</c> with one column on each side), or null when <paramref name="join"/> is not one.
    /// </summary>
    private static (int Left, int Right)? NullAwareAntiJoinKeys(Join join)
    {
        var leftCount = join.Left.Schema.Count;
        if (join.JoinType != JoinType.Anti
            || join.Condition is not BoundCall { Operands.Count: 1 } test || !ReferenceEquals(test.Function, BuiltInFunctions.IsNotFalse)
            || test.Operands[0] is not BoundCall { Operands.Count: 2 } equal || !ReferenceEquals(equal.Function, BuiltInFunctions.EqualTo)
            || equal.Operands[0] is not BoundInputRef a || equal.Operands[1] is not BoundInputRef b
            || (a.Index < leftCount) == (b.Index < leftCount))
        {
            return null;
        }

        return a.Index < leftCount ? (a.Index, b.Index - leftCount) : (b.Index, a.Index - leftCount);
    }

    /// <summary>
    /// Translates <c>x NOT IN (SELECT y ...)</c>: one <see cref="NullAwareAntiJoinOperator"/> that sees every row of
    /// both sides (parallelism 1), since a NULL on the right rejects every left row.
    /// </summary>
    private PhysicalStream TranslateNullAwareAntiJoin(Join join, int leftKey, int rightKey)
    {
        var left = Translate(join.Left);
        var right = Translate(join.Right);
        CheckKeyTypes(left, right, [leftKey], [rightKey]);
        var leftSchema = left.Schema;
        var rightSchema = right.Schema;
        var ttl = _options.StateTtl;
        var vertex = AddVertex("not-in-anti-join", KeyedParallelism(0),
            () => new NullAwareAntiJoinOperator(leftSchema, rightSchema, leftKey, rightKey, ttl));
        Connect(left, vertex, [], 0);
        Connect(right, vertex, [], 1);
        return new PhysicalStream(vertex, SchemaOf(join), ChangelogMode.Of(RowKind.Insert, RowKind.Delete));
    }
}
