namespace Sluice.Sql.Ast;

/// <summary>The test of an <see cref="IsExpression"/>.</summary>
public enum IsTest
{
    /// <summary><c>IS NULL</c>.</summary>
    Null,

    /// <summary><c>IS TRUE</c>.</summary>
    True,

    /// <summary><c>IS FALSE</c>.</summary>
    False,

    /// <summary><c>IS UNKNOWN</c>.</summary>
    Unknown,
}
