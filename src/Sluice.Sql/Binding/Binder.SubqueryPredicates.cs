using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>EXISTS</c> and <c>IN (subquery)</c> as values — inside <c>OR</c>, <c>CASE</c>, <c>NOT (... AND ...)</c>, <c>IS NOT
/// NULL</c> or the <c>SELECT</c> list of a query without aggregation — rewritten as Calcite's <c>SubQueryRemoveRule</c>
/// does for Flink: counts of the subquery's rows left-joined onto the outer row (decorrelated as scalar subqueries are,
/// grouped by their correlation), and a three-valued <c>CASE</c> over them. <c>EXISTS (q)</c> is <c>COUNT(*) &gt; 0</c>;
/// <c>x IN (SELECT y ...)</c> is true when some row equals <c>x</c>, false when there are no rows, NULL when <c>x</c> is
/// NULL or a row's <c>y</c> is, false otherwise (for a row <c>(x1, x2) IN (SELECT y1, y2 ...)</c> NULL when some
/// <c>xi</c> is NULL or some row has a NULL <c>yi</c>, as in Calcite).
/// </summary>
internal sealed partial class Binder
{
    private BoundExpression BindSubqueryPredicate(SqlExpression node, ExpressionContext context)
    {
        if (context.Select is not { } state)
        {
            throw NotSupported(node.Span, context.Aggregation is not null
                ? $"EXISTS and IN (subquery) are not supported in {context.ClauseName} of an aggregating query, only as conditions of HAVING (alone or joined by AND)"
                : $"EXISTS and IN (subquery) are not supported in {context.ClauseName}");
        }

        var (query, operand, negated) = node switch
        {
            ExistsExpression exists => (exists.Query, (SqlExpression?)null, false),
            InSubqueryExpression @in => (@in.Query, @in.Operand, @in.IsNegated),
            _ => throw new InvalidOperationException("unreachable"),
        };

        List<BoundExpression> tested = operand switch
        {
            null => [],
            RowConstructor { IsExplicit: false } row => row.Fields.Select(f => BindExpression(f, context)).ToList(),
            _ => [BindExpression(operand, context)],
        };

        RegisterScopeInput(context.Scope, state.Input);
        var plan = CarryOuterColumns(BindQuery(query, context.Scope), state, context.Scope, node);
        if (tested.Count > 0 && plan.Schema.Count != tested.Count)
        {
            throw Invalid(node.Span, $"The subquery of IN must return {tested.Count} column{(tested.Count == 1 ? "" : "s")}, not {plan.Schema.Count}");
        }

        BoundExpression value;
        if (tested.Count == 0)
        {
            value = Compare(BuiltInFunctions.GreaterThan, CountJoined(state, plan, node), new BoundLiteral(0L, Core.Types.DataTypes.BigInt().NotNull()), node.Span);
        }
        else
        {
            // Rows equal to the tested values (the tested values are outer references of the subquery's plan).
            var equal = Planning.Rules.Conditions.And(tested.Select((t, i) => Compare(BuiltInFunctions.EqualTo,
                new BoundInputRef(i, plan.Schema[i].Name, plan.Schema[i].Type),
                t.Transform(e => e is BoundInputRef r ? new BoundOuterRef(r.Index, r.Name, r.Type) : e), node.Span)).ToList())!;
            var matches = CountJoined(state, new Filter(plan, equal), node);
            var rows = CountJoined(state, plan, node);
            var notNull = Planning.Rules.Conditions.And(plan.Schema.Select((c, i) => ResolveCall(BuiltInFunctions.IsNotNull,
                [new BoundInputRef(i, c.Name, c.Type)], node.Span)).ToList())!;
            var rowsWithoutNulls = plan.Schema.Any(c => c.Type.IsNullable) ? CountJoined(state, new Filter(plan, notNull), node) : rows;
            var zero = new BoundLiteral(0L, Core.Types.DataTypes.BigInt().NotNull());
            var boolean = Core.Types.DataTypes.Boolean();
            var testedNull = tested.Select(t => ResolveCall(BuiltInFunctions.IsNull, [t], node.Span))
                .Aggregate((a, b) => ResolveCall(BuiltInFunctions.Or, [a, b], node.Span));
            value = new BoundCase(
                NodeList.Of<BoundExpression>(
                    Compare(BuiltInFunctions.GreaterThan, matches, zero, node.Span),
                    Compare(BuiltInFunctions.EqualTo, rows, zero, node.Span),
                    testedNull,
                    Compare(BuiltInFunctions.LessThan, rowsWithoutNulls, rows, node.Span)),
                NodeList.Of<BoundExpression>(BoundLiteral.True, BoundLiteral.False, BoundLiteral.Null(boolean), BoundLiteral.Null(boolean)),
                BoundLiteral.False,
                boolean);
        }

        return negated ? ResolveCall(BuiltInFunctions.Not, [value], node.Span) : value;
    }

    /// <summary>
    /// True when an aggregate call's arguments read columns of enclosing queries only (<c>MAX(a.z)</c> inside a subquery
    /// of <c>a</c>'s query): in SQL it is an aggregate of that query, which a subquery cannot compute.
    /// </summary>
    private bool ReadsOnlyEnclosingQueries(FunctionCall call, ExpressionContext context)
    {
        if (context.Scope.Outer is null || call.Arguments.Count == 0 || call.Arguments.Any(a => a is StarExpression))
        {
            return false;
        }

        try
        {
            var arguments = call.Arguments.Select(a => BindExpression(a, context with { InAggregateArgument = true })).ToList();
            return arguments.Any(a => a.Any(e => e is BoundOuterRef)) && !arguments.Any(a => a.Any(e => e is BoundInputRef));
        }
        catch (SqlException)
        {
            return false;
        }
    }

    /// <summary>
    /// Left-joins <c>COUNT(*)</c> over <paramref name="plan"/> (correlated with the query of <paramref name="state"/> or
    /// not) onto that query's input, and returns the count over the joined row: 0 when there are no rows.
    /// </summary>
    private BoundExpression CountJoined(SelectState state, LogicalPlan plan, SqlExpression node)
    {
        var count = new AggregateCall(BuiltInFunctions.Count, NodeList<int>.Empty, false, -1, Core.Types.DataTypes.BigInt().NotNull(), "$count");
        var aggregate = new Aggregate(plan, NodeList<int>.Empty, null, NodeList.Of(count));
        var (joined, value) = JoinCorrelatedScalarPlan(state.Input, aggregate, node);
        state.Input = joined;
        return ResolveCall(BuiltInFunctions.Coalesce, [value, new BoundLiteral(0L, Core.Types.DataTypes.BigInt().NotNull())], node.Span);
    }
}
