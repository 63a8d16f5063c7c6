namespace Sluice.Sql.Ast;

/// <summary>The symmetry keyword of a <see cref="BetweenExpression"/>.</summary>
public enum BetweenSymmetry
{
    /// <summary>Not written (asymmetric).</summary>
    Default,

    /// <summary><c>ASYMMETRIC</c>.</summary>
    Asymmetric,

    /// <summary><c>SYMMETRIC</c>.</summary>
    Symmetric,
}
