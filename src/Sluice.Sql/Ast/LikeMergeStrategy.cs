namespace Sluice.Sql.Ast;

/// <summary>How a <see cref="LikeOption"/> merges a feature.</summary>
public enum LikeMergeStrategy
{
    /// <summary><c>INCLUDING</c>.</summary>
    Including,

    /// <summary><c>EXCLUDING</c>.</summary>
    Excluding,

    /// <summary><c>OVERWRITING</c>.</summary>
    Overwriting,
}
