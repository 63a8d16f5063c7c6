using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Splitting a bound condition into the conjuncts of its <c>AND</c> tree (for the planner and the operators).</summary>
internal static class Conjunction
{
    /// <summary>The conjuncts of an <c>AND</c> tree, left to right (the expression itself when it is not an <c>AND</c>).</summary>
    public static IEnumerable<BoundExpression> Conjuncts(BoundExpression expression)
    {
        if (expression is BoundCall call && ReferenceEquals(call.Function, BuiltInFunctions.And))
        {
            foreach (var operand in call.Operands)
            {
                foreach (var inner in Conjuncts(operand))
                {
                    yield return inner;
                }
            }
        }
        else
        {
            yield return expression;
        }
    }
}
