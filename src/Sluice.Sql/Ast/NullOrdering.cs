namespace Sluice.Sql.Ast;

/// <summary>Where nulls sort in an <see cref="OrderItem"/>.</summary>
public enum NullOrdering
{
    /// <summary>Not written.</summary>
    Default,

    /// <summary><c>NULLS FIRST</c>.</summary>
    First,

    /// <summary><c>NULLS LAST</c>.</summary>
    Last,
}
