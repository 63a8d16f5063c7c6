namespace Sluice.Sql;

/// <summary>The class of a <see cref="SqlException"/>.</summary>
public enum SqlErrorCode
{
    /// <summary>The text cannot be split into tokens (an unterminated string or comment, a stray character).</summary>
    LexicalError,

    /// <summary>The tokens do not form a valid statement.</summary>
    SyntaxError,

    /// <summary>Valid Flink SQL that Sluice does not support yet, or a construct Flink's dialect does not have.</summary>
    NotSupported,

    /// <summary>The input is nested more deeply than the parser allows.</summary>
    NestingTooDeep,

    /// <summary>A value is out of range or malformed (a type length, a precision, a hexadecimal digit).</summary>
    InvalidValue,
}
