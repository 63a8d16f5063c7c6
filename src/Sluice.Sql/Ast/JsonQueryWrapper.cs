namespace Sluice.Sql.Ast;

/// <summary>The wrapper clause of a <see cref="JsonQueryExpression"/>.</summary>
public enum JsonQueryWrapper
{
    /// <summary>Not written (no wrapper).</summary>
    Default,

    /// <summary><c>WITHOUT [ARRAY] WRAPPER</c>.</summary>
    Without,

    /// <summary><c>WITH CONDITIONAL [ARRAY] WRAPPER</c>.</summary>
    WithConditional,

    /// <summary><c>WITH [UNCONDITIONAL] [ARRAY] WRAPPER</c>.</summary>
    WithUnconditional,
}
