using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// The names visible to an expression: the tables of a <c>FROM</c> clause laid out side by side in one row, and
/// the enclosing query's scope for correlated references.
/// </summary>
internal sealed class Scope
{
    public Scope(IReadOnlyList<ScopeTable> tables, Scope? outer = null)
    {
        Tables = tables;
        Outer = outer;
    }

    /// <summary>No names.</summary>
    public static Scope Empty { get; } = new([]);

    /// <summary>The tables, left to right.</summary>
    public IReadOnlyList<ScopeTable> Tables { get; }

    /// <summary>The enclosing query's scope, or null.</summary>
    public Scope? Outer { get; }

    /// <summary>The number of columns in the row.</summary>
    public int Width => Tables.Count == 0 ? 0 : Tables.Max(t => t.Offset + t.Columns.Count);

    /// <summary>A scope of one table covering <paramref name="schema"/>.</summary>
    public static Scope Of(string? name, PlanSchema schema, Scope? outer = null) => new([new ScopeTable(name, 0, schema.ToArray())], outer);

    /// <summary>This scope with <paramref name="outer"/> as enclosing scope.</summary>
    public Scope WithOuter(Scope? outer) => new(Tables, outer);

    /// <summary>The tables named <paramref name="name"/>.</summary>
    public IReadOnlyList<ScopeTable> TablesNamed(string name) => Tables.Where(t => t.Name == name).ToArray();

    /// <summary>The visible columns named <paramref name="name"/> (hidden ones skipped), with their tables.</summary>
    public IReadOnlyList<(ScopeTable Table, int Position)> FindUnqualified(string name)
    {
        var matches = new List<(ScopeTable, int)>();
        foreach (var table in Tables)
        {
            if (table.Hidden.Contains(name))
            {
                continue;
            }

            var position = table.IndexOf(name);
            if (position >= 0)
            {
                matches.Add((table, position));
            }
        }

        return matches;
    }

    /// <summary>Every visible column name, for suggestions.</summary>
    public IEnumerable<string> VisibleNames() => Tables.SelectMany(t => t.Columns.Select(c => c.Name).Where(n => !t.Hidden.Contains(n)));
}
