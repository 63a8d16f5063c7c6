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

    /// <summary><c>IS JSON</c> (the same as <c>IS JSON VALUE</c>): a string holding any JSON value.</summary>
    Json,

    /// <summary><c>IS JSON SCALAR</c>: a JSON number, string, boolean or null.</summary>
    JsonScalar,

    /// <summary><c>IS JSON ARRAY</c>.</summary>
    JsonArray,

    /// <summary><c>IS JSON OBJECT</c>.</summary>
    JsonObject,
}
