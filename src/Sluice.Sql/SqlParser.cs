using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>
/// A hand-written recursive-descent parser for Flink SQL, producing the syntax tree of <see cref="Ast"/>.
/// Expressions use precedence climbing with Flink's (Calcite's) operator precedences.
/// </summary>
/// <remarks>
/// <para>Entry points are static and thread-safe; each call parses its own text. Every failure is a
/// <see cref="SqlException"/> positioned at the offending token, whose message quotes the token and lists what
/// would have been accepted there.</para>
/// <para>Nesting (parentheses, subqueries, operator chains, nested types) deeper than
/// <see cref="MaxNestingDepth"/> is rejected with a positioned error, so no input can overflow the stack.</para>
/// <para>Constructs Flink has but Sluice does not support yet (e.g. <c>TABLESAMPLE</c>, or <c>ALL ROWS PER MATCH</c> of <c>MATCH_RECOGNIZE</c>) fail with
/// <see cref="SqlErrorCode.NotSupported"/> and a message that names them.</para>
/// </remarks>
public sealed partial class SqlParser
{
    /// <summary>The deepest nesting of expressions, queries and types the parser accepts.</summary>
    public const int MaxNestingDepth = 500;

    private const string OperatorLabel = "an operator";
    private const string IdentifierLabel = "identifier";
    private const string ExpressionLabel = "expression";
    private const int MaxListedExpectations = 12;

    private static readonly HashSet<string> StatementKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "INSERT", "CREATE", "DROP", "ALTER", "SET", "RESET", "SHOW", "DESCRIBE", "EXPLAIN", "USE", "EXECUTE", "BEGIN",
    };

    private readonly IReadOnlyList<Token> _tokens;
    private readonly List<string> _expected = [];
    private int _expectedAt = -1;
    private int _pos;
    private int _depth;

    private SqlParser(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        _tokens = Lexer.Tokenize(sql);
    }

    /// <summary>
    /// Parses a script: statements separated by semicolons (the last semicolon is optional; empty statements are
    /// skipped). <c>BEGIN STATEMENT SET; ...; END;</c> becomes one <see cref="StatementSetStatement"/>.
    /// </summary>
    /// <exception cref="SqlException">The text is not valid Flink SQL, or uses a construct Sluice does not support.</exception>
    public static IReadOnlyList<SqlStatement> ParseScript(string sql) => new SqlParser(sql).ParseScriptCore();

    /// <summary>Parses exactly one statement, optionally followed by a semicolon.</summary>
    /// <exception cref="SqlException">The text is not one valid statement.</exception>
    public static SqlStatement ParseStatement(string sql)
    {
        var parser = new SqlParser(sql);
        var statement = parser.ParseStatementCore();
        parser.Accept(TokenKind.Semicolon);
        parser.ExpectEndOfInput();
        return statement;
    }

    /// <summary>Parses one query (<c>SELECT</c>, <c>VALUES</c>, <c>WITH</c>, set operations, <c>ORDER BY</c>/<c>LIMIT</c>).</summary>
    /// <exception cref="SqlException">The text is not one valid query.</exception>
    public static SqlQuery ParseQuery(string sql)
    {
        var parser = new SqlParser(sql);
        var query = parser.ParseQueryExpression();
        parser.ExpectEndOfInput();
        return query;
    }

    /// <summary>Parses one scalar expression.</summary>
    /// <exception cref="SqlException">The text is not one valid expression.</exception>
    public static SqlExpression ParseExpression(string sql)
    {
        var parser = new SqlParser(sql);
        var expression = parser.ParseExpr();
        parser.ExpectEndOfInput();
        return expression;
    }

    /// <summary>Parses one data type, e.g. <c>ROW&lt;a INT NOT NULL, b ARRAY&lt;STRING&gt;&gt;</c>.</summary>
    /// <exception cref="SqlException">The text is not one valid data type.</exception>
    public static SqlDataType ParseDataType(string sql)
    {
        var parser = new SqlParser(sql);
        var type = parser.ParseType();
        parser.ExpectEndOfInput();
        return type;
    }

    // ----- token navigation -----

    private Token Current => _tokens[_pos];

    private Token Previous => _tokens[_pos > 0 ? _pos - 1 : 0];

    private Token PeekToken(int offset)
    {
        var index = _pos + offset;
        return index < _tokens.Count ? _tokens[index] : _tokens[^1];
    }

    private Token Advance()
    {
        var token = _tokens[_pos];
        if (token.Kind != TokenKind.EndOfInput)
        {
            _pos++;
        }

        return token;
    }

    /// <summary>The span from <paramref name="start"/> to the end of the last consumed token.</summary>
    private SourceSpan SpanFrom(SourceSpan start) => start.Through(Previous.Span);

    /// <summary>Records that <paramref name="label"/> would be accepted at the current token.</summary>
    private void Note(string label)
    {
        if (_expectedAt != _pos)
        {
            _expected.Clear();
            _expectedAt = _pos;
        }

        if (!_expected.Contains(label))
        {
            _expected.Add(label);
        }
    }

    private bool Is(TokenKind kind)
    {
        Note(Describe(kind));
        return Current.Kind == kind;
    }

    private bool IsKeyword(string keyword, string? label = null)
    {
        Note(label ?? keyword);
        return Current.IsKeyword(keyword);
    }

    /// <summary>Checks the current and next tokens without recording expectations for the second.</summary>
    private bool IsKeywordPair(string first, string second, string? label = null)
    {
        Note(label ?? first + " " + second);
        return Current.IsKeyword(first) && PeekToken(1).IsKeyword(second);
    }

    private bool Accept(TokenKind kind)
    {
        if (!Is(kind))
        {
            return false;
        }

        Advance();
        return true;
    }

    private bool AcceptKeyword(string keyword, string? label = null)
    {
        if (!IsKeyword(keyword, label))
        {
            return false;
        }

        Advance();
        return true;
    }

    private Token Expect(TokenKind kind)
    {
        if (!Is(kind))
        {
            throw Unexpected();
        }

        return Advance();
    }

    private Token ExpectKeyword(string keyword)
    {
        if (!IsKeyword(keyword))
        {
            throw Unexpected();
        }

        return Advance();
    }

    private void ExpectEndOfInput()
    {
        if (!Is(TokenKind.EndOfInput))
        {
            throw Unexpected();
        }
    }

    /// <summary>True when the current token may start a query.</summary>
    private bool AtQueryStart() =>
        IsKeyword("SELECT") | IsKeyword("WITH") | IsKeyword("VALUES");

    // ----- nesting guard -----

    /// <summary>
    /// Enters one level of nesting. There is no matching exit on failure paths: the parser stops at the first
    /// error, so the depth only matters while parsing succeeds.
    /// </summary>
    private void Enter()
    {
        if (++_depth > MaxNestingDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new SqlException(SqlErrorCode.NestingTooDeep, Current.Span,
                $"the statement is nested too deeply (more than {MaxNestingDepth} levels of parentheses, operators or subqueries)");
        }
    }

    private void Exit() => _depth--;

    // ----- errors -----

    /// <summary>An error at the current token: what was found and what would have been accepted.</summary>
    private SqlException Unexpected(string? extraLabel = null)
    {
        if (extraLabel is not null)
        {
            Note(extraLabel);
        }

        var token = Current;
        var message = new StringBuilder("unexpected ").Append(DescribeToken(token));
        if (_expectedAt == _pos && _expected.Count > 0)
        {
            var labels = _expected.Where(l => l != OperatorLabel).ToList();
            var operatorExpected = _expected.Contains(OperatorLabel);
            message.Append(" — expected ");
            for (var i = 0; i < labels.Count && i < MaxListedExpectations; i++)
            {
                message.Append(i == 0 ? string.Empty : ", ").Append(labels[i]);
            }

            if (labels.Count > MaxListedExpectations)
            {
                message.Append(", ...");
            }

            if (operatorExpected)
            {
                message.Append(labels.Count > 0 ? " or " : string.Empty).Append(OperatorLabel);
            }

            if (labels.Contains("';'") && token.Kind == TokenKind.Word && StatementKeywords.Contains(token.Text))
            {
                message.Append(" (is a ';' missing before this statement?)");
            }

            if (labels.Count <= 2 && labels.Contains(IdentifierLabel) && token.Kind == TokenKind.Word && Keywords.IsReserved(token.Text))
            {
                message.Append(CultureInfo.InvariantCulture,
                    $" ({token.Text.ToUpperInvariant()} is a reserved word; quote it with backticks to use it as a name: `{token.Text}`)");
            }
        }

        return new SqlException(SqlErrorCode.SyntaxError, token.Span, message.ToString());
    }

    /// <summary>An error for a construct Flink has but Sluice does not support yet.</summary>
    private static SqlException NotSupported(SourceSpan span, string construct) =>
        new(SqlErrorCode.NotSupported, span, $"{construct} is not supported yet");

    private static SqlException Error(SourceSpan span, string reason) => new(SqlErrorCode.SyntaxError, span, reason);

    private static string DescribeToken(Token token)
    {
        switch (token.Kind)
        {
            case TokenKind.EndOfInput:
                return "end of input";
            case TokenKind.String:
                return "string " + Shorten(token.Text);
            default:
                return "'" + Shorten(token.Text) + "'";
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.Word => IdentifierLabel,
        TokenKind.QuotedIdentifier => IdentifierLabel,
        TokenKind.String => "string literal",
        TokenKind.BinaryString => "binary literal",
        TokenKind.Integer => "integer",
        TokenKind.Decimal => "number",
        TokenKind.Approximate => "number",
        TokenKind.Equal => "'='",
        TokenKind.NotEqual => "'<>'",
        TokenKind.Less => "'<'",
        TokenKind.LessOrEqual => "'<='",
        TokenKind.Greater => "'>'",
        TokenKind.GreaterOrEqual => "'>='",
        TokenKind.Plus => "'+'",
        TokenKind.Minus => "'-'",
        TokenKind.Star => "'*'",
        TokenKind.Slash => "'/'",
        TokenKind.Percent => "'%'",
        TokenKind.Concat => "'||'",
        TokenKind.Dot => "'.'",
        TokenKind.Comma => "','",
        TokenKind.Semicolon => "';'",
        TokenKind.LeftParen => "'('",
        TokenKind.RightParen => "')'",
        TokenKind.LeftBracket => "'['",
        TokenKind.RightBracket => "']'",
        TokenKind.DoubleColon => "'::'",
        TokenKind.Arrow => "'=>'",
        TokenKind.HintStart => "'/*+'",
        TokenKind.HintEnd => "'*/'",
        _ => kind.ToString(),
    };

    // ----- shared small constructs -----

    /// <summary>True when the current token can be an identifier (an unreserved word or a quoted identifier).</summary>
    private bool AtIdentifier()
    {
        Note(IdentifierLabel);
        var token = Current;
        return token.Kind == TokenKind.QuotedIdentifier || (token.Kind == TokenKind.Word && !Keywords.IsReserved(token.Text));
    }

    private Identifier ParseIdentifier()
    {
        if (!AtIdentifier())
        {
            throw Unexpected();
        }

        var token = Advance();
        return new Identifier(token.Span, token.Value);
    }

    /// <summary>Any word (reserved or not) or quoted identifier, as allowed after a dot.</summary>
    private Identifier ParseAnyIdentifier()
    {
        Note(IdentifierLabel);
        if (Current.Kind is not (TokenKind.Word or TokenKind.QuotedIdentifier))
        {
            throw Unexpected();
        }

        var token = Advance();
        return new Identifier(token.Span, token.Value);
    }

    private QualifiedName ParseQualifiedName()
    {
        var first = ParseIdentifier();
        var parts = new List<Identifier> { first };
        while (Current.Kind == TokenKind.Dot && PeekToken(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
        {
            Advance();
            parts.Add(ParseAnyIdentifier());
        }

        return new QualifiedName(SpanFrom(first.Span), NodeList<Identifier>.From(parts));
    }

    /// <summary><c>'(' identifier, ... ')'</c>.</summary>
    private NodeList<Identifier> ParseParenthesizedIdentifiers()
    {
        Expect(TokenKind.LeftParen);
        var list = new List<Identifier>();
        do
        {
            list.Add(ParseIdentifier());
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        return NodeList<Identifier>.From(list);
    }

    private string ParseStringValue()
    {
        return Expect(TokenKind.String).Value;
    }

    private StringLiteral ParseStringLiteral()
    {
        var token = Expect(TokenKind.String);
        return new StringLiteral(token.Span, token.Value);
    }

    /// <summary>An unsigned integer that fits in an <see cref="int"/>.</summary>
    private int ParseInt32()
    {
        var token = Expect(TokenKind.Integer);
        if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new SqlException(SqlErrorCode.InvalidValue, token.Span, $"the number {Shorten(token.Text)} is too large");
        }

        return value;
    }

    /// <summary><c>'(' 'k' = 'v', ... ')'</c>.</summary>
    private NodeList<Property> ParseProperties()
    {
        Expect(TokenKind.LeftParen);
        var list = new List<Property>();
        if (!Is(TokenKind.RightParen))
        {
            do
            {
                var start = Current.Span;
                var key = ParseStringValue();
                Expect(TokenKind.Equal);
                var value = ParseStringValue();
                list.Add(new Property(SpanFrom(start), key, value));
            }
            while (Accept(TokenKind.Comma));
        }

        Expect(TokenKind.RightParen);
        return NodeList<Property>.From(list);
    }

    /// <summary><c>IF NOT EXISTS</c>, if present.</summary>
    private bool ParseIfNotExists()
    {
        if (!AcceptKeyword("IF", "IF NOT EXISTS"))
        {
            return false;
        }

        ExpectKeyword("NOT");
        ExpectKeyword("EXISTS");
        return true;
    }

    /// <summary><c>IF EXISTS</c>, if present.</summary>
    private bool ParseIfExists()
    {
        if (!AcceptKeyword("IF", "IF EXISTS"))
        {
            return false;
        }

        ExpectKeyword("EXISTS");
        return true;
    }

    /// <summary><c>COMMENT 'text'</c>, if present.</summary>
    private string? ParseOptionalComment() => AcceptKeyword("COMMENT") ? ParseStringValue() : null;

    /// <summary>Hints <c>/*+ name(options), ... */</c> at the current position, if present.</summary>
    private NodeList<Hint> ParseOptionalHints()
    {
        if (Current.Kind != TokenKind.HintStart)
        {
            return NodeList<Hint>.Empty;
        }

        Advance();
        var hints = new List<Hint>();
        do
        {
            var name = ParseAnyIdentifier();
            var options = new List<HintOption>();
            if (Accept(TokenKind.LeftParen))
            {
                if (!Is(TokenKind.RightParen))
                {
                    do
                    {
                        options.Add(ParseHintOption());
                    }
                    while (Accept(TokenKind.Comma));
                }

                Expect(TokenKind.RightParen);
            }

            hints.Add(new Hint(SpanFrom(name.Span), name, NodeList<HintOption>.From(options)));
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.HintEnd);
        return NodeList<Hint>.From(hints);
    }

    private HintOption ParseHintOption()
    {
        var start = Current.Span;
        var first = ParseHintValue();
        if (Accept(TokenKind.Equal))
        {
            var value = ParseHintValue();
            return new HintOption(SpanFrom(start), first, value);
        }

        return new HintOption(SpanFrom(start), null, first);
    }

    private SqlExpression ParseHintValue()
    {
        var token = Current;
        Note("string literal");
        Note(IdentifierLabel);
        Note("number");
        switch (token.Kind)
        {
            case TokenKind.String:
                Advance();
                return new StringLiteral(token.Span, token.Value);
            case TokenKind.Integer or TokenKind.Decimal or TokenKind.Approximate:
                Advance();
                return new NumericLiteral(token.Span, token.Text, NumericKind(token.Kind));
            case TokenKind.Word or TokenKind.QuotedIdentifier:
            {
                var start = token.Span;
                var parts = new List<Identifier> { ParseAnyIdentifier() };
                while (Current.Kind == TokenKind.Dot && PeekToken(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
                {
                    Advance();
                    parts.Add(ParseAnyIdentifier());
                }

                var name = new QualifiedName(SpanFrom(start), NodeList<Identifier>.From(parts));
                return new IdentifierExpression(name.Span, name);
            }

            default:
                throw Unexpected();
        }
    }

    private static NumericLiteralKind NumericKind(TokenKind kind) => kind switch
    {
        TokenKind.Integer => NumericLiteralKind.Integer,
        TokenKind.Decimal => NumericLiteralKind.Decimal,
        _ => NumericLiteralKind.Approximate,
    };
}
