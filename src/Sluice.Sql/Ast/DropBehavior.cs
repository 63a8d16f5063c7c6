namespace Sluice.Sql.Ast;

/// <summary><c>RESTRICT</c> or <c>CASCADE</c> on <c>DROP DATABASE</c>.</summary>
public enum DropBehavior
{
    /// <summary>Not written.</summary>
    Default,

    /// <summary><c>RESTRICT</c>.</summary>
    Restrict,

    /// <summary><c>CASCADE</c>.</summary>
    Cascade,
}
