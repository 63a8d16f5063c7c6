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

    /// <summary>A name does not resolve: an unknown table, view, column or function.</summary>
    NotFound,

    /// <summary>An object to create already exists.</summary>
    AlreadyExists,

    /// <summary>Well-formed SQL whose meaning is invalid: a column that is not grouped, an ambiguous name, an aggregate where none is allowed.</summary>
    ValidationError,

    /// <summary>Operand or column types do not fit: an invalid cast, incomparable operands, a sink column of another type.</summary>
    TypeMismatch,
}
