using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Planning.Rules;

/// <summary>Splitting and joining conjunctions, and shifting column references, for the filter rules.</summary>
internal static class Conditions
{
    /// <summary>The conjuncts of an <c>AND</c> tree.</summary>
    public static List<BoundExpression> Conjuncts(BoundExpression expression)
    {
        var result = new List<BoundExpression>();
        Collect(expression, result);
        return result;
    }

    /// <summary>The <c>AND</c> of <paramref name="conjuncts"/>, or null when there is none.</summary>
    public static BoundExpression? And(IReadOnlyList<BoundExpression> conjuncts)
    {
        if (conjuncts.Count == 0)
        {
            return null;
        }

        var result = conjuncts[0];
        for (var i = 1; i < conjuncts.Count; i++)
        {
            var type = DataTypes.Boolean().WithNullability(result.Type.IsNullable || conjuncts[i].Type.IsNullable);
            result = BoundCall.Create(BuiltInFunctions.And, type, result, conjuncts[i]);
        }

        return result;
    }

    /// <summary>The input columns an expression reads.</summary>
    public static IEnumerable<int> Columns(BoundExpression expression) =>
        expression.Descendants().OfType<BoundInputRef>().Select(r => r.Index);

    /// <summary>True when the expression has no non-deterministic call.</summary>
    public static bool IsDeterministic(BoundExpression expression) =>
        !expression.Any(e => e is BoundCall { Function.IsDeterministic: false });

    /// <summary>Which side of a join row (the left's <paramref name="leftCount"/> columns, then the right's) an expression reads.</summary>
    public static JoinSide SideOf(BoundExpression expression, int leftCount)
    {
        var columns = Columns(expression).ToList();
        if (columns.Count == 0)
        {
            return JoinSide.None;
        }

        return columns.All(c => c < leftCount) ? JoinSide.Left : columns.All(c => c >= leftCount) ? JoinSide.Right : JoinSide.Both;
    }

    /// <summary>The expression with every input reference shifted by <paramref name="offset"/>.</summary>
    public static BoundExpression Shift(BoundExpression expression, int offset) =>
        offset == 0 ? expression : expression.Transform(e => e is BoundInputRef r ? r with { Index = r.Index + offset } : e);

    private static void Collect(BoundExpression expression, List<BoundExpression> result)
    {
        if (expression is BoundCall call && ReferenceEquals(call.Function, BuiltInFunctions.And))
        {
            foreach (var operand in call.Operands)
            {
                Collect(operand, result);
            }
        }
        else if (expression is not BoundLiteral { Value: true })
        {
            result.Add(expression);
        }
    }
}
