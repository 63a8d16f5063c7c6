namespace Sluice.Sql.Ast;

/// <summary>The direction of an <see cref="OrderItem"/>.</summary>
public enum SortDirection
{
    /// <summary>Not written (ascending).</summary>
    Default,

    /// <summary><c>ASC</c>.</summary>
    Ascending,

    /// <summary><c>DESC</c>.</summary>
    Descending,
}
