namespace Sluice.Sql.Ast;

/// <summary>The operator of a <see cref="LikeExpression"/>.</summary>
public enum LikeOperator
{
    /// <summary><c>LIKE</c>.</summary>
    Like,

    /// <summary><c>SIMILAR TO</c>.</summary>
    SimilarTo,
}
