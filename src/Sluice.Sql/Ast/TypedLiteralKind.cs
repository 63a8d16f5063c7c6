namespace Sluice.Sql.Ast;

/// <summary>The type of a <see cref="TypedLiteral"/>.</summary>
public enum TypedLiteralKind
{
    /// <summary><c>DATE '...'</c>.</summary>
    Date,

    /// <summary><c>TIME '...'</c>.</summary>
    Time,

    /// <summary><c>TIMESTAMP '...'</c>.</summary>
    Timestamp,

    /// <summary><c>TIMESTAMP WITH LOCAL TIME ZONE '...'</c> (also written <c>TIMESTAMP_LTZ '...'</c>).</summary>
    TimestampLtz,
}
