namespace Sluice.Sql.Syntax;

/// <summary>The lexical class of a <see cref="Token"/>.</summary>
public enum TokenKind
{
    /// <summary>The end of the input; always the last token.</summary>
    EndOfInput,

    /// <summary>An unquoted word: an identifier or a keyword (keywords are recognised by the parser, case-insensitively).</summary>
    Word,

    /// <summary>A backtick-quoted identifier; <see cref="Token.Value"/> is the name without quotes.</summary>
    QuotedIdentifier,

    /// <summary>A character string literal <c>'...'</c>; <see cref="Token.Value"/> is the unescaped content.</summary>
    String,

    /// <summary>A binary string literal <c>X'...'</c>; <see cref="Token.Value"/> is the hexadecimal digits.</summary>
    BinaryString,

    /// <summary>An exact numeric literal without a decimal point, e.g. <c>42</c>.</summary>
    Integer,

    /// <summary>An exact numeric literal with a decimal point, e.g. <c>4.20</c>.</summary>
    Decimal,

    /// <summary>An approximate numeric literal with an exponent, e.g. <c>4.2E1</c>.</summary>
    Approximate,

    /// <summary><c>=</c>.</summary>
    Equal,

    /// <summary><c>&lt;&gt;</c> or <c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,

    /// <summary><c>+</c>.</summary>
    Plus,

    /// <summary><c>-</c>.</summary>
    Minus,

    /// <summary><c>*</c>.</summary>
    Star,

    /// <summary><c>/</c>.</summary>
    Slash,

    /// <summary><c>%</c>.</summary>
    Percent,

    /// <summary><c>||</c>.</summary>
    Concat,

    /// <summary><c>.</c>.</summary>
    Dot,

    /// <summary><c>,</c>.</summary>
    Comma,

    /// <summary><c>;</c>.</summary>
    Semicolon,

    /// <summary><c>(</c>.</summary>
    LeftParen,

    /// <summary><c>)</c>.</summary>
    RightParen,

    /// <summary><c>[</c>.</summary>
    LeftBracket,

    /// <summary><c>]</c>.</summary>
    RightBracket,

    /// <summary><c>::</c> (lexed so the parser can explain that it is not Flink syntax).</summary>
    DoubleColon,

    /// <summary><c>=&gt;</c>, for named arguments.</summary>
    Arrow,

    /// <summary><c>/*+</c>: the start of a hint comment.</summary>
    HintStart,

    /// <summary><c>*/</c> closing a hint comment.</summary>
    HintEnd,

    /// <summary>
    /// One of <c>? { } | ^ $</c> inside the parentheses of a <c>MATCH_RECOGNIZE</c> <c>PATTERN (...)</c>, where they are
    /// row pattern operators (the token's text is the character).
    /// </summary>
    PatternOperator,
}
