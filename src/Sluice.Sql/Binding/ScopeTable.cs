using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// One table visible in a scope: its name (alias, or table name), where its columns start in the row, its
/// columns, and the columns hidden from unqualified names and <c>*</c> (the right-hand copies of <c>USING</c> columns).
/// </summary>
internal sealed class ScopeTable
{
    public ScopeTable(string? name, int offset, IReadOnlyList<PlanColumn> columns, IReadOnlySet<string>? hidden = null)
    {
        Name = name;
        Offset = offset;
        Columns = columns;
        Hidden = hidden ?? new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>The name a qualified reference uses (alias, or the table name), or null for an anonymous subquery.</summary>
    public string? Name { get; }

    /// <summary>The row index of the first column.</summary>
    public int Offset { get; }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<PlanColumn> Columns { get; }

    /// <summary>Columns that unqualified names and <c>*</c> skip.</summary>
    public IReadOnlySet<string> Hidden { get; }

    /// <summary>The position of the column named <paramref name="name"/> within this table, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A copy moved to start at <paramref name="offset"/>.</summary>
    public ScopeTable At(int offset) => new(Name, offset, Columns, Hidden);

    /// <summary>A copy with more hidden columns.</summary>
    public ScopeTable WithHidden(IEnumerable<string> names) =>
        new(Name, Offset, Columns, new HashSet<string>(Hidden.Concat(names), StringComparer.Ordinal));
}
