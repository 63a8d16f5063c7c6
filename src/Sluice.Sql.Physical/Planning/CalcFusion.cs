using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// Fuses a projection over a projection into one <see cref="Operators.Calc.CalcOperator"/> by inlining the inner
/// expressions into the outer ones (Flink's <c>CalcMergeRule</c>), where the logical <c>ProjectMerge</c> rule declines
/// because an inner expression that does work is read more than once: the fused operator computes such an expression
/// once per batch (<see cref="Operators.Calc.CalcProgram"/>), as the inner operator did.
/// </summary>
internal static class CalcFusion
{
    /// <summary>
    /// The outer expressions with the inner ones inlined, when that computes nothing more often than the two
    /// operators did: every inner expression the outer ones read is deterministic, and one read more than once is
    /// free (a column, a literal, a field of a column), or reads a column, never fails and is read at least once where
    /// every row evaluates it (so the fused operator shares it).
    /// </summary>
    public static bool TryInline(IReadOnlyList<BoundExpression> outer, IReadOnlyList<BoundExpression> inner, Schema innerInput,
        out IReadOnlyList<BoundExpression> inlined)
    {
        inlined = outer;
        var uses = new int[inner.Count];
        var unconditional = new int[inner.Count];
        foreach (var expression in outer)
        {
            CountUses(expression, true, uses, unconditional);
        }

        for (var i = 0; i < inner.Count; i++)
        {
            var expression = inner[i];
            if (uses[i] == 0 || IsFree(expression))
            {
                continue;
            }

            if (expression.Any(e => e is BoundCall { Function.IsDeterministic: false } or BoundOverCall or BoundOuterRef))
            {
                return false;
            }

            if (uses[i] > 1 && (unconditional[i] == 0 || !expression.Any(e => e is BoundInputRef) || MayFail(expression, innerInput)))
            {
                return false;
            }
        }

        inlined = [.. outer.Select(e => e.Transform(node => node is BoundInputRef reference ? inner[reference.Index] : node))];
        return true;
    }

    private static bool MayFail(BoundExpression expression, Schema schema)
    {
        try
        {
            var environment = ExpressionEnvironment.Default with { CurrentWatermark = static () => long.MinValue };
            return ExpressionCompiler.Compile(expression, schema, environment).Root.MayFail;
        }
        catch (SluiceException)
        {
            return true;
        }
    }

    private static bool IsFree(BoundExpression expression) => expression switch
    {
        BoundInputRef or BoundLiteral => true,
        BoundFieldAccess access => IsFree(access.Target),
        _ => false,
    };

    private static void CountUses(BoundExpression expression, bool everyRow, int[] uses, int[] unconditional)
    {
        if (expression is BoundInputRef reference)
        {
            uses[reference.Index]++;
            unconditional[reference.Index] += everyRow ? 1 : 0;
            return;
        }

        var children = expression.Children;
        var firstOnly = expression is BoundCase || expression is BoundCall { Function.Name: "IF" or "COALESCE" or "IFNULL" };
        for (var i = 0; i < children.Count; i++)
        {
            CountUses(children[i], everyRow && (!firstOnly || i == 0), uses, unconditional);
        }
    }
}
