using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Binding;

/// <summary>
/// Table hints: <c>t /*+ OPTIONS('key' = 'value', ...) */</c> overrides the table's options for this one reference (a
/// scan in FROM or the target of INSERT INTO), as Flink's dynamic table options do; the catalog's table is unchanged.
/// </summary>
internal sealed partial class Binder
{
    /// <summary><paramref name="table"/> with the options of its <c>OPTIONS</c> hints laid over its own.</summary>
    private CatalogTable WithTableHints(CatalogTable table, NodeList<Hint> hints)
    {
        if (hints.Count == 0)
        {
            return table;
        }

        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in table.Options)
        {
            options[key] = value;
        }

        foreach (var hint in hints)
        {
            RequireOptionsHint(hint);
            foreach (var option in hint.Options)
            {
                if (option.Key is null)
                {
                    throw Invalid(option.Span, "An OPTIONS hint takes 'key' = 'value' pairs");
                }

                options[HintText(option.Key)] = HintText(option.Value);
            }
        }

        return table.WithOptions(options);
    }

    /// <summary>A view or a WITH item cannot take <c>OPTIONS</c> hints (Flink: only tables have options).</summary>
    private void RejectTableHints(NodeList<Hint> hints, QualifiedName name)
    {
        foreach (var hint in hints)
        {
            RequireOptionsHint(hint);
            throw Invalid(hint.Span, $"'{NameText(name)}' is a view or WITH item: OPTIONS hints can only be applied to tables");
        }
    }

    private void RequireOptionsHint(Hint hint)
    {
        if (!string.Equals(hint.Name.Value, "OPTIONS", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(hint.Name.Span, $"Unknown table hint '{hint.Name.Value}': the table hint is OPTIONS('key' = 'value', ...)");
        }
    }

    private string HintText(SqlExpression expression) => expression switch
    {
        StringLiteral text => text.Value,
        IdentifierExpression { Name.IsSimple: true } identifier => identifier.Name.Last.Value,
        _ => throw Invalid(expression.Span, $"A hint option must be a string literal, not '{Text(expression)}'"),
    };
}
