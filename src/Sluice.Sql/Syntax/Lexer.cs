using System.Globalization;

namespace Sluice.Sql.Syntax;

/// <summary>
/// Splits Flink SQL text into <see cref="Token"/>s, following Flink's (Calcite's) lexical rules with backtick
/// quoting: unquoted words keep their case (keywords are matched case-insensitively by the parser), backtick
/// identifiers escape a backtick by doubling it, string literals escape a quote by doubling it, comments are
/// <c>-- ...</c> and <c>/* ... */</c> (not nested), and <c>/*+ ... */</c> delimits a hint.
/// </summary>
/// <remarks>Stateless and thread-safe; every call works on its own input.</remarks>
public sealed class Lexer
{
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private bool _inHint;
    private SourceSpan _hintStart;
    private int _patternDepth;

    private Lexer(string text)
    {
        _text = text;
    }

    /// <summary>Splits <paramref name="sql"/> into tokens; the last token is always <see cref="TokenKind.EndOfInput"/>.</summary>
    /// <exception cref="SqlException">The text has an unterminated string, identifier or comment, or a character
    /// that cannot start a token.</exception>
    public static IReadOnlyList<Token> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lexer = new Lexer(sql);
        lexer.Run();
        return lexer._tokens;
    }

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekChar(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private int ColumnAt => _pos - _lineStart + 1;

    private void Run()
    {
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                if (_inHint)
                {
                    throw new SqlException(SqlErrorCode.LexicalError, _hintStart with { End = _text.Length },
                        "unterminated hint: '/*+' has no closing '*/'");
                }

                var end = new SourceSpan(_text.Length, _text.Length, _line, ColumnAt);
                _tokens.Add(new Token(TokenKind.EndOfInput, end, string.Empty, string.Empty));
                return;
            }

            ScanToken();
        }
    }

    /// <summary>Consumes one character, keeping line and column up to date.</summary>
    private void Advance()
    {
        var c = _text[_pos++];
        if (c == '\n' || (c == '\r' && Current != '\n'))
        {
            _line++;
            _lineStart = _pos;
        }
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = Current;
            if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else if (c == '-' && PeekChar(1) == '-')
            {
                while (_pos < _text.Length && Current != '\n' && Current != '\r')
                {
                    _pos++;
                }
            }
            else if (c == '/' && PeekChar(1) == '*' && PeekChar(2) != '+')
            {
                var start = SpanFrom(_pos, _line, ColumnAt);
                _pos += 2;
                while (true)
                {
                    if (_pos >= _text.Length)
                    {
                        throw new SqlException(SqlErrorCode.LexicalError, start with { End = _text.Length },
                            "unterminated comment: '/*' has no closing '*/'");
                    }

                    if (Current == '*' && PeekChar(1) == '/')
                    {
                        _pos += 2;
                        break;
                    }

                    Advance();
                }
            }
            else
            {
                return;
            }
        }
    }

    private static SourceSpan SpanFrom(int start, int line, int column) => new(start, start, line, column);

    private void ScanToken()
    {
        var start = _pos;
        var line = _line;
        var column = ColumnAt;
        var c = Current;

        if (char.IsLetter(c) || c == '_')
        {
            if ((c == 'x' || c == 'X') && PeekChar(1) == '\'')
            {
                ScanBinaryString(start, line, column);
                return;
            }

            _pos++;
            while (_pos < _text.Length && (char.IsLetterOrDigit(Current) || Current == '_' || Current == '$'))
            {
                _pos++;
            }

            var word = _text[start.._pos];
            Add(TokenKind.Word, start, line, column, word);
            return;
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(PeekChar(1))))
        {
            ScanNumber(start, line, column);
            return;
        }

        if (_patternDepth > 0 && c is '?' or '{' or '}' or '|' or '^' or '$')
        {
            _pos++;
            Add(TokenKind.PatternOperator, start, line, column);
            return;
        }

        switch (c)
        {
            case '\'':
                ScanString(start, line, column);
                return;
            case '`':
                ScanQuotedIdentifier(start, line, column);
                return;
            case '"':
                throw new SqlException(SqlErrorCode.NotSupported, new SourceSpan(start, start + 1, line, column),
                    "double-quoted identifiers are not supported in Flink SQL; quote identifiers with backticks, e.g. `name`");
            case '?':
                throw new SqlException(SqlErrorCode.NotSupported, new SourceSpan(start, start + 1, line, column),
                    "dynamic parameters ('?') are not supported");
            case '/' when PeekChar(1) == '*' && PeekChar(2) == '+':
                if (_inHint)
                {
                    throw new SqlException(SqlErrorCode.LexicalError, new SourceSpan(start, start + 3, line, column),
                        "a hint cannot contain another hint");
                }

                _pos += 3;
                _inHint = true;
                _hintStart = new SourceSpan(start, _pos, line, column);
                Add(TokenKind.HintStart, start, line, column);
                return;
            case '*' when _inHint && PeekChar(1) == '/':
                _pos += 2;
                _inHint = false;
                Add(TokenKind.HintEnd, start, line, column);
                return;
        }

        var (kind, length) = c switch
        {
            '=' when PeekChar(1) == '>' => (TokenKind.Arrow, 2),
            '=' => (TokenKind.Equal, 1),
            '<' when PeekChar(1) == '>' => (TokenKind.NotEqual, 2),
            '<' when PeekChar(1) == '=' => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when PeekChar(1) == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            '!' when PeekChar(1) == '=' => (TokenKind.NotEqual, 2),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '|' when PeekChar(1) == '|' => (TokenKind.Concat, 2),
            '.' => (TokenKind.Dot, 1),
            ',' => (TokenKind.Comma, 1),
            ';' => (TokenKind.Semicolon, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ':' when PeekChar(1) == ':' => (TokenKind.DoubleColon, 2),
            _ => (TokenKind.EndOfInput, 0),
        };

        if (length == 0)
        {
            var length1 = char.IsHighSurrogate(c) && char.IsLowSurrogate(PeekChar(1)) ? 2 : 1;
            var shown = char.IsControl(c) || char.IsWhiteSpace(c)
                ? $"U+{(int)c:X4}"
                : $"'{_text.Substring(start, length1)}'";
            throw new SqlException(SqlErrorCode.LexicalError, new SourceSpan(start, start + length1, line, column),
                $"unexpected character {shown}");
        }

        _pos += length;
        TrackPattern(kind);
        Add(kind, start, line, column);
    }

    /// <summary>Counts the parentheses of a <c>PATTERN (...)</c>, inside which row pattern operators are tokens.</summary>
    private void TrackPattern(TokenKind kind)
    {
        if (kind == TokenKind.LeftParen && (_patternDepth > 0 || (_tokens.Count > 0 && _tokens[^1].Kind == TokenKind.Word
            && string.Equals(_tokens[^1].Text, "PATTERN", StringComparison.OrdinalIgnoreCase))))
        {
            _patternDepth++;
        }
        else if (kind == TokenKind.RightParen && _patternDepth > 0)
        {
            _patternDepth--;
        }
    }

    private void Add(TokenKind kind, int start, int line, int column, string? value = null)
    {
        var text = _text[start.._pos];
        _tokens.Add(new Token(kind, new SourceSpan(start, _pos, line, column), text, value ?? text));
    }

    private void ScanNumber(int start, int line, int column)
    {
        var kind = TokenKind.Integer;
        while (char.IsAsciiDigit(Current))
        {
            _pos++;
        }

        if (Current == '.' && !(PeekChar(1) == '.'))
        {
            kind = TokenKind.Decimal;
            _pos++;
            while (char.IsAsciiDigit(Current))
            {
                _pos++;
            }
        }

        if ((Current == 'e' || Current == 'E')
            && (char.IsAsciiDigit(PeekChar(1))
                || ((PeekChar(1) == '+' || PeekChar(1) == '-') && char.IsAsciiDigit(PeekChar(2)))))
        {
            kind = TokenKind.Approximate;
            _pos += 2;
            while (char.IsAsciiDigit(Current))
            {
                _pos++;
            }
        }

        Add(kind, start, line, column);
    }

    private void ScanString(int start, int line, int column)
    {
        var value = ScanQuoted('\'', start, line, column, "unterminated string literal: the quote opened here is never closed");
        Add(TokenKind.String, start, line, column, value);
    }

    private void ScanQuotedIdentifier(int start, int line, int column)
    {
        var value = ScanQuoted('`', start, line, column, "unterminated quoted identifier: the backtick opened here is never closed");
        if (value.Length == 0)
        {
            throw new SqlException(SqlErrorCode.SyntaxError, new SourceSpan(start, _pos, line, column),
                "a quoted identifier cannot be empty");
        }

        Add(TokenKind.QuotedIdentifier, start, line, column, value);
    }

    /// <summary>Scans from an opening quote to its closing quote; a doubled quote stands for one quote.</summary>
    private string ScanQuoted(char quote, int start, int line, int column, string unterminatedMessage)
    {
        _pos++;
        var contentStart = _pos;
        System.Text.StringBuilder? builder = null;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new SqlException(SqlErrorCode.LexicalError, new SourceSpan(start, _text.Length, line, column),
                    unterminatedMessage);
            }

            if (Current == quote)
            {
                if (PeekChar(1) == quote)
                {
                    builder ??= new System.Text.StringBuilder();
                    builder.Append(_text, contentStart, _pos - contentStart + 1);
                    _pos += 2;
                    contentStart = _pos;
                    continue;
                }

                var tail = _text[contentStart.._pos];
                _pos++;
                return builder is null ? tail : builder.Append(tail).ToString();
            }

            Advance();
        }
    }

    private void ScanBinaryString(int start, int line, int column)
    {
        _pos++;
        var value = ScanQuoted('\'', start, line, column, "unterminated binary literal: the quote opened here is never closed");
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiHexDigit(value[i]))
            {
                var at = start + 2 + i;
                throw new SqlException(SqlErrorCode.InvalidValue, new SourceSpan(at, at + 1, line, column + 2 + i),
                    string.Create(CultureInfo.InvariantCulture,
                        $"invalid hexadecimal digit '{value[i]}' in binary literal"));
            }
        }

        if (value.Length % 2 != 0)
        {
            throw new SqlException(SqlErrorCode.InvalidValue, new SourceSpan(start, _pos, line, column),
                "a binary literal must have an even number of hexadecimal digits");
        }

        Add(TokenKind.BinaryString, start, line, column, value);
    }
}
