namespace Sluice.Sql.Ast;

/// <summary>The kind of a <see cref="JsonBehavior"/>.</summary>
public enum JsonBehaviorKind
{
    /// <summary><c>NULL</c>.</summary>
    Null,

    /// <summary><c>ERROR</c>.</summary>
    Error,

    /// <summary><c>DEFAULT expr</c>.</summary>
    Default,

    /// <summary><c>EMPTY ARRAY</c>.</summary>
    EmptyArray,

    /// <summary><c>EMPTY OBJECT</c>.</summary>
    EmptyObject,

    /// <summary><c>TRUE</c>.</summary>
    True,

    /// <summary><c>FALSE</c>.</summary>
    False,

    /// <summary><c>UNKNOWN</c>.</summary>
    Unknown,
}
