using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// <c>Filter(Filter(x, a), b)</c> becomes <c>Filter(x, a AND b)</c>: a query's <c>WHERE</c> over a view's or a
/// subquery's <c>WHERE</c> is one filter.
/// </summary>
public sealed class FilterMergeRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "FilterMerge";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.BottomUp;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Filter { Input: Filter inner } outer)
        {
            return Transformed.No(plan);
        }

        var condition = inner.Condition;
        var type = BuiltInFunctions.And.ReturnType(new ConditionTypes(condition, outer.Condition));
        var merged = BoundCall.Create(BuiltInFunctions.And, type, condition, outer.Condition);
        return Transformed.Yes<LogicalPlan>(new Filter(inner.Input, merged));
    }

    /// <summary>The operand types of the merged <c>AND</c>, for its result-type inference.</summary>
    private sealed class ConditionTypes(BoundExpression left, BoundExpression right) : CallContext
    {
        public override FunctionDefinition Function => BuiltInFunctions.And;

        public override IReadOnlyList<Core.Types.DataType> OperandTypes { get; } = [left.Type, right.Type];

        public override Syntax.SourceSpan Span => Syntax.SourceSpan.None;

        public override bool TryGetLiteral(int index, out object? value)
        {
            value = null;
            return false;
        }

        public override string? SymbolAt(int index) => null;
    }
}
