namespace Sluice.Sql.Syntax;

/// <summary>A lexical token: its kind, where it is, its source text and its value.</summary>
/// <param name="Kind">The lexical class.</param>
/// <param name="Span">Where the token is in the source.</param>
/// <param name="Text">The exact source text of the token (empty for <see cref="TokenKind.EndOfInput"/>).</param>
/// <param name="Value">
/// The token's value: the unescaped content of strings and quoted identifiers, the hexadecimal digits of binary
/// strings, otherwise <paramref name="Text"/>.
/// </param>
public readonly record struct Token(TokenKind Kind, SourceSpan Span, string Text, string Value)
{
    /// <summary>True when this is an unquoted word spelled <paramref name="keyword"/> (compared case-insensitively).</summary>
    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Text}' at {Span}";
}
