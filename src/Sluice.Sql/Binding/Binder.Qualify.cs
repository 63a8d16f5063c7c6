using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>QUALIFY</c> (Flink 2): a filter on a <c>SELECT</c>'s window functions. The condition is bound in the select
/// list's context (so it may call <c>ROW_NUMBER() OVER (...)</c> itself) after the select list's aliases are replaced
/// by their expressions (<c>SELECT *, ROW_NUMBER() OVER w AS rownum ... QUALIFY rownum &lt;= 5</c>); it filters the
/// rows once the window functions are computed, below the select list's projection. So
/// <c>SELECT a FROM t QUALIFY ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts) = 1</c> plans as the subquery form
/// <c>SELECT a FROM (SELECT *, ROW_NUMBER() ... AS rn FROM t) WHERE rn = 1</c>: a Top-N or a deduplication.
/// </summary>
internal sealed partial class Binder
{
    private BoundExpression BindQualify(SelectQuery select, ExpressionContext context)
    {
        var aliases = new Dictionary<string, SqlExpression?>(StringComparer.Ordinal);
        foreach (var item in select.Items)
        {
            if (item.Alias is not null)
            {
                // Two items with one alias make the alias ambiguous (null), as in Calcite's expansion of QUALIFY.
                aliases[item.Alias.Value] = aliases.ContainsKey(item.Alias.Value) ? null : item.Expression;
            }
        }

        var condition = ReplaceAliases(select.Qualify!, aliases);
        return BindCondition(condition, context with { AllowOver = true });
    }

    /// <summary>
    /// The condition with each simple name that is a select alias replaced by the aliased expression, anywhere in it
    /// (operators, function calls, CASE, IN lists, OVER windows), except inside subqueries. An alias wins over a column of
    /// the same name.
    /// </summary>
    private static SqlExpression ReplaceAliases(SqlExpression expression, Dictionary<string, SqlExpression?> aliases) =>
        SyntaxRewriter.Rewrite(expression, e =>
        {
            if (e is not IdentifierExpression { Name.IsSimple: true } identifier
                || !aliases.TryGetValue(identifier.Name.Last.Value, out var aliased))
            {
                return null;
            }

            return aliased ?? throw Invalid(identifier.Span,
                $"Column '{identifier.Name.Last.Value}' is ambiguous in QUALIFY: several select items have that alias");
        });
}
