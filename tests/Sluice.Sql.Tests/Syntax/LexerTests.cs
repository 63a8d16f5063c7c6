using Sluice.Sql.Syntax;

namespace Sluice.Sql.Tests.Syntax;

public class LexerTests
{
    private static List<Token> Lex(string sql) => Lexer.Tokenize(sql).ToList();

    private static TokenKind[] Kinds(string sql) => Lex(sql).Select(t => t.Kind).ToArray();

    [Fact]
    public void Tokenize_Empty_OnlyEndOfInput()
    {
        var token = Assert.Single(Lex("  -- nothing\n /* here */ "));
        Assert.Equal(TokenKind.EndOfInput, token.Kind);
        Assert.Equal(new SourceSpan(25, 25, 2, 13), token.Span);
    }

    [Fact]
    public void Tokenize_Words_KeepCaseAndMatchKeywordsCaseInsensitively()
    {
        var tokens = Lex("SeLeCt my_Col$1 _x");
        Assert.Equal([TokenKind.Word, TokenKind.Word, TokenKind.Word, TokenKind.EndOfInput], tokens.Select(t => t.Kind));
        Assert.True(tokens[0].IsKeyword("select"));
        Assert.Equal("my_Col$1", tokens[1].Value);
        Assert.True(tokens[1].IsKeyword("MY_COL$1"));
    }

    [Fact]
    public void Tokenize_QuotedIdentifier_UnescapesDoubledBacktick()
    {
        var token = Lex("`we``ird name`")[0];
        Assert.Equal(TokenKind.QuotedIdentifier, token.Kind);
        Assert.Equal("we`ird name", token.Value);
        Assert.Equal("`we``ird name`", token.Text);
        Assert.False(token.IsKeyword("x"));
    }

    [Fact]
    public void Tokenize_QuotedKeyword_IsNotAKeyword()
    {
        var token = Lex("`select`")[0];
        Assert.False(token.IsKeyword("SELECT"));
        Assert.Equal("select", token.Value);
    }

    [Fact]
    public void Tokenize_String_UnescapesDoubledQuoteAndSpansLines()
    {
        var tokens = Lex("'it''s\nfine' x");
        Assert.Equal(TokenKind.String, tokens[0].Kind);
        Assert.Equal("it's\nfine", tokens[0].Value);
        Assert.Equal(new SourceSpan(13, 14, 2, 7), tokens[1].Span);
    }

    [Theory]
    [InlineData("42", TokenKind.Integer)]
    [InlineData("4.20", TokenKind.Decimal)]
    [InlineData(".5", TokenKind.Decimal)]
    [InlineData("5.", TokenKind.Decimal)]
    [InlineData("1e10", TokenKind.Approximate)]
    [InlineData("2.5E-3", TokenKind.Approximate)]
    [InlineData("7E+2", TokenKind.Approximate)]
    public void Tokenize_Number_Classified(string text, TokenKind kind)
    {
        var token = Lex(text)[0];
        Assert.Equal(kind, token.Kind);
        Assert.Equal(text, token.Text);
    }

    [Fact]
    public void Tokenize_ExponentWithoutDigits_StopsBeforeTheLetter()
    {
        Assert.Equal([TokenKind.Integer, TokenKind.Word, TokenKind.EndOfInput], Kinds("1e"));
    }

    [Fact]
    public void Tokenize_BinaryString_KeepsHexDigits()
    {
        var token = Lex("x'0aFF'")[0];
        Assert.Equal(TokenKind.BinaryString, token.Kind);
        Assert.Equal("0aFF", token.Value);
    }

    [Fact]
    public void Tokenize_Operators_LongestMatch()
    {
        Assert.Equal(
            [
                TokenKind.Equal, TokenKind.NotEqual, TokenKind.NotEqual, TokenKind.Less, TokenKind.LessOrEqual,
                TokenKind.Greater, TokenKind.GreaterOrEqual, TokenKind.Plus, TokenKind.Minus, TokenKind.Star,
                TokenKind.Slash, TokenKind.Percent, TokenKind.Concat, TokenKind.Dot, TokenKind.Comma, TokenKind.Semicolon,
                TokenKind.LeftParen, TokenKind.RightParen, TokenKind.LeftBracket, TokenKind.RightBracket,
                TokenKind.DoubleColon, TokenKind.Arrow, TokenKind.EndOfInput,
            ],
            Kinds("= <> != < <= > >= + - * / % || . , ; ( ) [ ] :: =>"));
    }

    [Fact]
    public void Tokenize_Comments_AreSkipped()
    {
        Assert.Equal([TokenKind.Word, TokenKind.Minus, TokenKind.Word, TokenKind.EndOfInput],
            Kinds("a -- comment\n - /* block\n comment */ b"));
    }

    [Fact]
    public void Tokenize_Hint_ProducesHintTokens()
    {
        Assert.Equal(
            [TokenKind.Word, TokenKind.HintStart, TokenKind.Word, TokenKind.LeftParen, TokenKind.String, TokenKind.Equal,
                TokenKind.String, TokenKind.RightParen, TokenKind.HintEnd, TokenKind.EndOfInput],
            Kinds("t /*+ OPTIONS('k'='v') */"));
    }

    [Fact]
    public void Tokenize_StarSlashOutsideHint_IsTwoOperators()
    {
        Assert.Equal([TokenKind.Star, TokenKind.Slash, TokenKind.EndOfInput], Kinds("*/"));
    }

    [Fact]
    public void Tokenize_Spans_TrackLinesAndColumnsAcrossLineEndings()
    {
        var tokens = Lex("a\r\n  b\r c\n\td");
        Assert.Equal(new SourceSpan(0, 1, 1, 1), tokens[0].Span);
        Assert.Equal(new SourceSpan(5, 6, 2, 3), tokens[1].Span);
        Assert.Equal(new SourceSpan(8, 9, 3, 2), tokens[2].Span);
        Assert.Equal(new SourceSpan(11, 12, 4, 2), tokens[3].Span);
    }

    [Theory]
    [InlineData("SELECT 'abc", 1, 8, "unterminated string literal")]
    [InlineData("SELECT\n  `abc", 2, 3, "unterminated quoted identifier")]
    [InlineData("SELECT 1 /* never\n closed", 1, 10, "unterminated comment")]
    [InlineData("SELECT /*+ OPTIONS()", 1, 8, "unterminated hint")]
    [InlineData("SELECT X'0G'", 1, 11, "invalid hexadecimal digit 'G'")]
    [InlineData("SELECT X'ABC'", 1, 8, "even number of hexadecimal digits")]
    [InlineData("SELECT a # b", 1, 10, "unexpected character '#'")]
    [InlineData("SELECT \"a\"", 1, 8, "double-quoted identifiers are not supported")]
    [InlineData("SELECT ?", 1, 8, "dynamic parameters ('?') are not supported")]
    [InlineData("SELECT ``", 1, 8, "a quoted identifier cannot be empty")]
    public void Tokenize_Malformed_PositionedError(string sql, int line, int column, string message)
    {
        var error = Assert.Throws<SqlException>(() => Lexer.Tokenize(sql));
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_ControlCharacter_ShownAsCodePoint()
    {
        var error = Assert.Throws<SqlException>(() => Lexer.Tokenize("a \u0001"));
        Assert.Equal("line 1, column 3: unexpected character U+0001", error.Message);
    }

    [Fact]
    public void Tokenize_Error_IsUserDomain()
    {
        var error = Assert.Throws<SqlException>(() => Lexer.Tokenize("'"));
        Assert.Equal(Sluice.Core.Errors.ErrorDomain.User, error.Domain);
        Assert.Equal(SqlErrorCode.LexicalError, error.Code);
    }
}
