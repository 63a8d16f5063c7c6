using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>Column names: qualified and unqualified, ambiguity, correlation, row fields.</summary>
internal sealed partial class Binder
{
    /// <summary>
    /// Resolves <c>column</c>, <c>table.column</c>, or either followed by row field names, in <paramref name="scope"/>
    /// and then its enclosing scopes (a correlated reference).
    /// </summary>
    private BoundExpression ResolveColumn(IReadOnlyList<Identifier> parts, Scope scope, SourceSpan span)
    {
        var resolved = TryResolveColumn(parts, scope, span, outer: false);
        if (resolved is not null)
        {
            return resolved;
        }

        var depth = 1;
        for (var enclosing = scope.Outer; enclosing is not null; enclosing = enclosing.Outer, depth++)
        {
            resolved = TryResolveColumn(parts, enclosing, span, outer: true, depth);
            if (resolved is not null)
            {
                // A reference two or more levels out is decorrelated by making each query in between carry the column (see
                // CarryOuterColumns).
                return resolved;
            }
        }

        var first = parts[0];
        var allScopes = new List<Scope>();
        for (var s = scope; s is not null; s = s.Outer)
        {
            allScopes.Add(s);
        }

        if (parts.Count >= 2)
        {
            var tableNames = allScopes.SelectMany(s => s.Tables).Select(t => t.Name).OfType<string>().ToList();
            throw NotFound(first.Span, $"Table '{first.Value}' not found" + NameSuggestions.DidYouMean(first.Value, tableNames));
        }

        var names = allScopes.SelectMany(s => s.VisibleNames());
        if (scope.Tables.Count == 0 && scope.Outer is null)
        {
            throw NotFound(first.Span, $"Column '{first.Value}' not found: there is no FROM clause");
        }

        throw NotFound(first.Span, $"Column '{first.Value}' not found in any table" + NameSuggestions.DidYouMean(first.Value, names));
    }

    private BoundExpression? TryResolveColumn(IReadOnlyList<Identifier> parts, Scope scope, SourceSpan span, bool outer, int depth = 1)
    {
        if (parts.Count >= 2)
        {
            var tables = scope.TablesNamed(parts[0].Value);
            if (tables.Count > 1)
            {
                throw Invalid(parts[0].Span, $"Table name '{parts[0].Value}' is ambiguous: it names {tables.Count} tables in FROM");
            }

            if (tables.Count == 1)
            {
                var table = tables[0];
                var position = table.IndexOf(parts[1].Value);
                if (position < 0)
                {
                    throw NotFound(parts[1].Span, $"Column '{parts[1].Value}' not found in table '{parts[0].Value}'"
                        + NameSuggestions.DidYouMean(parts[1].Value, table.Columns.Select(c => c.Name)));
                }

                var reference = Reference(table, position, outer, depth);
                return AccessFields(reference, parts, 2);
            }
        }

        var matches = scope.FindUnqualified(parts[0].Value);
        if (matches.Count > 1)
        {
            var candidates = string.Join(", ", matches.Select(m => (m.Table.Name is null ? "" : m.Table.Name + ".") + parts[0].Value));
            throw Invalid(span, $"Column '{parts[0].Value}' is ambiguous: {candidates}");
        }

        if (matches.Count == 1)
        {
            var (table, position) = matches[0];
            return AccessFields(Reference(table, position, outer, depth), parts, 1);
        }

        return null;
    }

    private static BoundExpression Reference(ScopeTable table, int position, bool outer, int depth)
    {
        var column = table.Columns[position];
        var index = table.Offset + position;
        return outer ? new BoundOuterRef(index, column.Name, column.Type, depth) : new BoundInputRef(index, column.Name, column.Type);
    }

    private BoundExpression AccessFields(BoundExpression expression, IReadOnlyList<Identifier> parts, int start)
    {
        for (var i = start; i < parts.Count; i++)
        {
            expression = AccessField(expression, parts[i], string.Join('.', parts.Take(i).Select(p => p.Value)));
        }

        return expression;
    }
}
