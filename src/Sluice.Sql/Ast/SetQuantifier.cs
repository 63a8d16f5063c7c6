namespace Sluice.Sql.Ast;

/// <summary><c>ALL</c> or <c>DISTINCT</c> on a <c>SELECT</c>, an aggregate call or a set operation.</summary>
public enum SetQuantifier
{
    /// <summary>Not written.</summary>
    None,

    /// <summary><c>ALL</c>.</summary>
    All,

    /// <summary><c>DISTINCT</c>.</summary>
    Distinct,
}
