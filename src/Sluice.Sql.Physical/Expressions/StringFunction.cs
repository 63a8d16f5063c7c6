namespace Sluice.Sql.Physical.Expressions;

/// <summary>A string-valued function computed by <see cref="StringFunctionKernel"/>.</summary>
internal enum StringFunction
{
    /// <summary><c>SUBSTRING(s, start [, length])</c>.</summary>
    Substring,

    /// <summary><c>TRIM(BOTH chars FROM s)</c>: operands (chars, s).</summary>
    TrimBoth,

    /// <summary><c>TRIM(LEADING ...)</c>, <c>LTRIM(s [, chars])</c>: operands (chars, s).</summary>
    TrimLeading,

    /// <summary><c>TRIM(TRAILING ...)</c>, <c>RTRIM(s [, chars])</c>: operands (chars, s).</summary>
    TrimTrailing,

    /// <summary><c>REPLACE(s, search, replacement)</c>.</summary>
    Replace,

    /// <summary><c>LEFT(s, n)</c>.</summary>
    Left,

    /// <summary><c>RIGHT(s, n)</c>.</summary>
    Right,

    /// <summary><c>LPAD(s, length, pad)</c>.</summary>
    LeftPad,

    /// <summary><c>RPAD(s, length, pad)</c>.</summary>
    RightPad,

    /// <summary><c>REPEAT(s, n)</c>.</summary>
    Repeat,

    /// <summary><c>REVERSE(s)</c>.</summary>
    Reverse,

    /// <summary><c>SPLIT_INDEX(s, separator, index)</c>.</summary>
    SplitIndex,

    /// <summary><c>OVERLAY(s PLACING r FROM start [FOR length])</c>.</summary>
    Overlay,

    /// <summary><c>CHR(n)</c>.</summary>
    Chr,

    /// <summary><c>TO_BASE64(s)</c>.</summary>
    ToBase64,

    /// <summary><c>FROM_BASE64(s)</c>.</summary>
    FromBase64,

    /// <summary><c>TRANSLATE(s, from, to)</c>: each character of <c>from</c> becomes the one at its position in <c>to</c>, or is removed.</summary>
    Translate,

    /// <summary><c>URL_ENCODE(s)</c>: <c>application/x-www-form-urlencoded</c> in UTF-8 (space as <c>+</c>).</summary>
    UrlEncode,

    /// <summary><c>URL_DECODE(s)</c>: the inverse; NULL for a malformed escape.</summary>
    UrlDecode,
}
