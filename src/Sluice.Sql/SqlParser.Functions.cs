using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Function calls, their arguments and windows, and the functions with special argument syntax.</summary>
public sealed partial class SqlParser
{
    /// <summary>
    /// <c>name([DISTINCT|ALL] args) [FILTER (WHERE ...)] [OVER ...]</c> at the <c>(</c> after the name.
    /// When <paramref name="timeUnitFirst"/> is set, a leading bare time unit (as in <c>TIMESTAMPADD(DAY, ...)</c>)
    /// is read as a <see cref="TimeUnitExpression"/>.
    /// </summary>
    private FunctionCall ParseFunctionCall(QualifiedName name, bool timeUnitFirst = false)
    {
        Enter();
        Expect(TokenKind.LeftParen);
        var quantifier = SetQuantifier.None;
        if (AcceptKeyword("DISTINCT"))
        {
            quantifier = SetQuantifier.Distinct;
        }
        else if (AcceptKeyword("ALL"))
        {
            quantifier = SetQuantifier.All;
        }

        var arguments = new List<SqlExpression>();
        if (Is(TokenKind.Star) && PeekToken(1).Kind == TokenKind.RightParen)
        {
            var star = Advance();
            arguments.Add(new StarExpression(star.Span, null));
        }
        else if (!Is(TokenKind.RightParen) || quantifier != SetQuantifier.None)
        {
            do
            {
                if (timeUnitFirst && quantifier == SetQuantifier.None && arguments.Count == 0 && Current.Kind == TokenKind.Word
                    && TimeUnits.TryParse(Current.Text, out var unit) && PeekToken(1).Kind == TokenKind.Comma)
                {
                    var unitToken = Advance();
                    arguments.Add(new TimeUnitExpression(unitToken.Span, unit));
                    continue;
                }

                arguments.Add(ParseFunctionArgument());
            }
            while (Accept(TokenKind.Comma));
        }

        RejectAggregateOrderBy(name.Last.Value);
        var nullTreatment = ParseNullTreatment();
        Expect(TokenKind.RightParen);
        if (ParseNullTreatment() is var after && after != NullTreatment.Default)
        {
            nullTreatment = nullTreatment == NullTreatment.Default ? after : throw Unexpected();
        }

        var (filter, over) = ParseCallSuffix();
        Exit();
        return new FunctionCall(SpanFrom(name.Span), name, NodeList<SqlExpression>.From(arguments), quantifier, filter, over, true)
        {
            NullTreatment = nullTreatment,
        };
    }

    /// <summary><c>RESPECT NULLS</c> or <c>IGNORE NULLS</c> if it comes next (consumed), else <see cref="NullTreatment.Default"/>.</summary>
    private NullTreatment ParseNullTreatment()
    {
        Note("RESPECT NULLS");
        Note("IGNORE NULLS");
        if (!(Current.IsKeyword("RESPECT") || Current.IsKeyword("IGNORE")) || !PeekToken(1).IsKeyword("NULLS"))
        {
            return NullTreatment.Default;
        }

        var treatment = Current.IsKeyword("RESPECT") ? NullTreatment.Respect : NullTreatment.Ignore;
        Advance();
        Advance();
        return treatment;
    }

    /// <summary>An <c>ORDER BY</c> inside an aggregate call's parentheses (<c>ARRAY_AGG(x ORDER BY y)</c>): not supported, as in Flink.</summary>
    private void RejectAggregateOrderBy(string function)
    {
        if (IsKeywordPair("ORDER", "BY"))
        {
            throw NotSupported(Current.Span, $"ORDER BY inside {function.ToUpperInvariant()}(...)");
        }
    }

    /// <summary>The <c>FILTER (WHERE ...)</c> and <c>OVER ...</c> that may follow a call's closing parenthesis.</summary>
    private (SqlExpression? Filter, WindowSpecification? Over) ParseCallSuffix()
    {
        SqlExpression? filter = null;
        if (IsKeyword("FILTER") && PeekToken(1).Kind == TokenKind.LeftParen)
        {
            Advance();
            Advance();
            ExpectKeyword("WHERE");
            filter = ParseExpr();
            Expect(TokenKind.RightParen);
        }

        if (Current.IsKeyword("WITHIN") && PeekToken(1).IsKeyword("GROUP"))
        {
            throw NotSupported(Current.Span, "WITHIN GROUP");
        }

        WindowSpecification? over = null;
        if (AcceptKeyword("OVER"))
        {
            if (Is(TokenKind.LeftParen))
            {
                over = ParseWindowSpecification();
            }
            else
            {
                var windowName = ParseIdentifier();
                over = new WindowSpecification(windowName.Span, windowName, NodeList<SqlExpression>.Empty,
                    NodeList<OrderItem>.Empty, null);
            }
        }

        return (filter, over);
    }

    /// <summary>
    /// Further keys of <c>PARTITION BY k1, k2</c> without parentheses, as Flink 2's process table functions document it:
    /// a comma followed by a column name that is itself followed by a comma, <c>)</c> or <c>ORDER BY</c> (never by
    /// <c>=&gt;</c>, which starts the next named argument).
    /// </summary>
    private NodeList<SqlExpression> ParseMorePartitionKeys(NodeList<SqlExpression> keys)
    {
        var more = new List<SqlExpression>(keys);
        while (Current.Kind == TokenKind.Comma && PeekToken(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier
            && (PeekToken(2).Kind is TokenKind.Comma or TokenKind.RightParen || PeekToken(2).IsKeyword("ORDER"))
            && !(PeekToken(1).Kind == TokenKind.Word && Keywords.IsReserved(PeekToken(1).Text)))
        {
            Advance();
            more.Add(ParseExpr());
        }

        return more.Count == keys.Count ? keys : NodeList<SqlExpression>.Wrap([.. more]);
    }

    /// <summary>An argument: <c>name =&gt; value</c>, <c>TABLE t ...</c>, or an expression.</summary>
    private SqlExpression ParseFunctionArgument()
    {
        if (Current.Kind is TokenKind.Word or TokenKind.QuotedIdentifier && PeekToken(1).Kind == TokenKind.Arrow)
        {
            var name = ParseAnyIdentifier();
            Advance();
            var value = ParseFunctionArgumentValue();
            return new NamedArgument(SpanFrom(name.Span), name, value);
        }

        return ParseFunctionArgumentValue();
    }

    private SqlExpression ParseFunctionArgumentValue()
    {
        if (!IsKeyword("TABLE"))
        {
            return ParseExpr();
        }

        var start = Advance().Span;
        if (Current.Kind == TokenKind.LeftParen)
        {
            throw NotSupported(Current.Span, "a subquery as a table argument");
        }

        var table = ParseQualifiedName();
        var partitionBy = NodeList<SqlExpression>.Empty;
        if (IsKeywordPair("PARTITION", "BY"))
        {
            Advance();
            Advance();
            var keys = ParseExpr();
            partitionBy = keys is RowConstructor { IsExplicit: false } row ? row.Fields : NodeList<SqlExpression>.Wrap([keys]);
            partitionBy = ParseMorePartitionKeys(partitionBy);
        }

        var orderBy = NodeList<OrderItem>.Empty;
        if (IsKeywordPair("ORDER", "BY"))
        {
            Advance();
            Advance();
            if (Accept(TokenKind.LeftParen))
            {
                orderBy = ParseOrderItems();
                Expect(TokenKind.RightParen);
            }
            else
            {
                orderBy = NodeList<OrderItem>.Wrap([ParseOrderItem()]);
            }
        }

        return new TableArgument(SpanFrom(start), table, partitionBy, orderBy);
    }

    /// <summary><c>( [base] [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE ...] )</c>.</summary>
    private WindowSpecification ParseWindowSpecification()
    {
        var start = Expect(TokenKind.LeftParen).Span;
        Identifier? baseWindow = null;
        if (Current.Kind == TokenKind.QuotedIdentifier
            || (Current.Kind == TokenKind.Word && !Keywords.IsReserved(Current.Text) && !Current.IsKeyword("PARTITION")
                && !Current.IsKeyword("ROWS") && !Current.IsKeyword("RANGE")))
        {
            baseWindow = ParseIdentifier();
        }

        var partitionBy = NodeList<SqlExpression>.Empty;
        if (IsKeywordPair("PARTITION", "BY"))
        {
            Advance();
            Advance();
            partitionBy = ParseExpressionList();
        }

        var orderBy = NodeList<OrderItem>.Empty;
        if (IsKeywordPair("ORDER", "BY"))
        {
            Advance();
            Advance();
            orderBy = ParseOrderItems();
        }

        WindowFrame? frame = null;
        if (IsKeyword("ROWS") || IsKeyword("RANGE"))
        {
            var unitToken = Advance();
            var unit = unitToken.IsKeyword("ROWS") ? FrameUnit.Rows : FrameUnit.Range;
            FrameBound lower;
            FrameBound? upper = null;
            if (AcceptKeyword("BETWEEN"))
            {
                lower = ParseFrameBound();
                ExpectKeyword("AND");
                upper = ParseFrameBound();
            }
            else
            {
                lower = ParseFrameBound();
            }

            frame = new WindowFrame(SpanFrom(unitToken.Span), unit, lower, upper);
        }

        if (Current.IsKeyword("EXCLUDE"))
        {
            throw NotSupported(Current.Span, "EXCLUDE in a window frame");
        }

        Expect(TokenKind.RightParen);
        return new WindowSpecification(SpanFrom(start), baseWindow, partitionBy, orderBy, frame);
    }

    private FrameBound ParseFrameBound()
    {
        var start = Current.Span;
        if (AcceptKeyword("UNBOUNDED"))
        {
            if (AcceptKeyword("PRECEDING"))
            {
                return new FrameBound(SpanFrom(start), FrameBoundKind.UnboundedPreceding, null);
            }

            ExpectKeyword("FOLLOWING");
            return new FrameBound(SpanFrom(start), FrameBoundKind.UnboundedFollowing, null);
        }

        if (IsKeywordPair("CURRENT", "ROW"))
        {
            Advance();
            Advance();
            return new FrameBound(SpanFrom(start), FrameBoundKind.CurrentRow, null);
        }

        var offset = ParseBinary(Precedence.Additive);
        if (AcceptKeyword("PRECEDING"))
        {
            return new FrameBound(SpanFrom(start), FrameBoundKind.Preceding, offset);
        }

        ExpectKeyword("FOLLOWING");
        return new FrameBound(SpanFrom(start), FrameBoundKind.Following, offset);
    }

    /// <summary>
    /// A function with its own argument syntax, at its name with <c>(</c> next; null when <paramref name="upper"/>
    /// names an ordinary function.
    /// </summary>
    private SqlExpression? TryParseSpecialFunction(string upper)
    {
        switch (upper)
        {
            case "CAST" or "TRY_CAST":
                return ParseCast();
            case "EXTRACT":
                return ParseExtract();
            case "TRIM":
                return ParseTrim();
            case "POSITION":
                return ParsePosition();
            case "SUBSTRING":
                return ParseSubstring();
            case "OVERLAY":
                return ParseOverlay();
            case "FLOOR" or "CEIL" or "CEILING":
                return ParseFloorCeil();
            case "DESCRIPTOR":
                return ParseDescriptor();
            case "JSON_VALUE":
                return ParseJsonValue();
            case "JSON_QUERY":
                return ParseJsonQuery();
            case "JSON_EXISTS":
                return ParseJsonExists();
            case "JSON_OBJECT":
                return ParseJsonObject();
            case "JSON_ARRAY":
                return ParseJsonArray();
            case "JSON_OBJECTAGG" or "JSON_ARRAYAGG":
                return ParseJsonAggregate(upper == "JSON_OBJECTAGG");
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>JSON_OBJECTAGG([KEY] k VALUE v [NULL|ABSENT ON NULL])</c> or <c>JSON_ARRAYAGG(v [NULL|ABSENT ON NULL])</c>, then
    /// <c>FILTER</c> / <c>OVER</c> as after any call: a <see cref="FunctionCall"/> with the arguments <c>k, v</c> or
    /// <c>v</c> and <see cref="FunctionCall.JsonNullHandling"/>. <c>DISTINCT</c> and <c>ORDER BY</c> are not part of the
    /// syntax (Flink's, after Calcite's).
    /// </summary>
    private FunctionCall ParseJsonAggregate(bool isObject)
    {
        var nameToken = Current;
        var start = BeginSpecialFunction();
        var functionName = isObject ? "JSON_OBJECTAGG" : "JSON_ARRAYAGG";
        if (Current.IsKeyword("DISTINCT") || Current.IsKeyword("ALL"))
        {
            throw NotSupported(Current.Span, $"{Current.Text.ToUpperInvariant()} in {functionName}");
        }

        var arguments = new List<SqlExpression>();
        if (isObject)
        {
            if (Current.IsKeyword("KEY") && !PeekToken(1).IsKeyword("VALUE"))
            {
                Advance();
            }

            arguments.Add(ParseExpr());
            ExpectKeyword("VALUE");
        }

        arguments.Add(ParseExpr());
        RejectAggregateOrderBy(functionName);
        var nullHandling = ParseJsonNullClause();
        Expect(TokenKind.RightParen);
        var (filter, over) = ParseCallSuffix();
        Exit();
        var name = new QualifiedName(nameToken.Span, NodeList<Identifier>.Wrap([new Identifier(nameToken.Span, functionName)]));
        return new FunctionCall(SpanFrom(start), name, NodeList<SqlExpression>.From(arguments), SetQuantifier.None, filter, over, true)
        {
            JsonNullHandling = nullHandling,
        };
    }

    /// <summary>Consumes a special function's name and opening parenthesis.</summary>
    private SourceSpan BeginSpecialFunction()
    {
        var start = Advance().Span;
        Enter();
        Expect(TokenKind.LeftParen);
        return start;
    }

    /// <summary>Consumes the closing parenthesis of a special function.</summary>
    private void EndSpecialFunction()
    {
        Expect(TokenKind.RightParen);
        Exit();
    }

    private CastExpression ParseCast()
    {
        var isTry = Current.IsKeyword("TRY_CAST");
        var start = BeginSpecialFunction();
        var operand = ParseExpr();
        ExpectKeyword("AS");
        var type = ParseType();
        EndSpecialFunction();
        return new CastExpression(SpanFrom(start), operand, type, isTry);
    }

    private ExtractExpression ParseExtract()
    {
        var start = BeginSpecialFunction();
        var unit = ParseTimeUnit();
        ExpectKeyword("FROM");
        var source = ParseExpr();
        EndSpecialFunction();
        return new ExtractExpression(SpanFrom(start), unit, source);
    }

    private TrimExpression ParseTrim()
    {
        var start = BeginSpecialFunction();
        var side = TrimSide.Default;
        if (AcceptKeyword("BOTH"))
        {
            side = TrimSide.Both;
        }
        else if (AcceptKeyword("LEADING"))
        {
            side = TrimSide.Leading;
        }
        else if (AcceptKeyword("TRAILING"))
        {
            side = TrimSide.Trailing;
        }

        SqlExpression? characters = null;
        SqlExpression source;
        if (side != TrimSide.Default)
        {
            if (!AcceptKeyword("FROM"))
            {
                characters = ParseExpr();
                ExpectKeyword("FROM");
            }

            source = ParseExpr();
        }
        else
        {
            var first = ParseExpr();
            if (AcceptKeyword("FROM"))
            {
                characters = first;
                source = ParseExpr();
            }
            else
            {
                source = first;
            }
        }

        EndSpecialFunction();
        return new TrimExpression(SpanFrom(start), side, characters, source);
    }

    private PositionExpression ParsePosition()
    {
        var start = BeginSpecialFunction();
        var needle = ParseBinary(Precedence.Additive);
        ExpectKeyword("IN");
        var haystack = ParseExpr();
        var from = AcceptKeyword("FROM") ? ParseExpr() : null;
        EndSpecialFunction();
        return new PositionExpression(SpanFrom(start), needle, haystack, from);
    }

    /// <summary>
    /// <c>SUBSTRING(x FROM a [FOR b])</c> or <c>SUBSTRING(x, a [, b])</c>, both read as the call <c>SUBSTRING(x, a[, b])</c>.
    /// </summary>
    private FunctionCall ParseSubstring()
    {
        var nameToken = Current;
        var start = BeginSpecialFunction();
        var arguments = new List<SqlExpression> { ParseExpr() };
        if (!AcceptKeyword("FROM") && !Accept(TokenKind.Comma))
        {
            throw Unexpected();
        }

        arguments.Add(ParseExpr());
        if (AcceptKeyword("FOR") || Accept(TokenKind.Comma))
        {
            arguments.Add(ParseExpr());
        }

        EndSpecialFunction();
        var name = new QualifiedName(nameToken.Span, NodeList<Identifier>.Wrap([new Identifier(nameToken.Span, nameToken.Text)]));
        return new FunctionCall(SpanFrom(start), name, NodeList<SqlExpression>.From(arguments), SetQuantifier.None, null, null, true);
    }

    private OverlayExpression ParseOverlay()
    {
        var start = BeginSpecialFunction();
        var source = ParseExpr();
        ExpectKeyword("PLACING");
        var replacement = ParseExpr();
        ExpectKeyword("FROM");
        var position = ParseExpr();
        var length = AcceptKeyword("FOR") ? ParseExpr() : null;
        EndSpecialFunction();
        return new OverlayExpression(SpanFrom(start), source, replacement, position, length);
    }

    /// <summary><c>FLOOR(x TO unit)</c> / <c>CEIL(x TO unit)</c>, or a plain call <c>FLOOR(x)</c>.</summary>
    private SqlExpression ParseFloorCeil()
    {
        var nameToken = Current;
        var start = BeginSpecialFunction();
        var operand = ParseExpr();
        if (AcceptKeyword("TO"))
        {
            var unit = ParseTimeUnit();
            EndSpecialFunction();
            return new FloorCeilExpression(SpanFrom(start), !nameToken.IsKeyword("FLOOR"), operand, unit);
        }

        var arguments = new List<SqlExpression> { operand };
        while (Accept(TokenKind.Comma))
        {
            arguments.Add(ParseExpr());
        }

        EndSpecialFunction();
        var name = new QualifiedName(nameToken.Span, NodeList<Identifier>.Wrap([new Identifier(nameToken.Span, nameToken.Text)]));
        return new FunctionCall(SpanFrom(start), name, NodeList<SqlExpression>.From(arguments), SetQuantifier.None, null, null, true);
    }

    private DescriptorExpression ParseDescriptor()
    {
        var start = BeginSpecialFunction();
        var columns = new List<Identifier>();
        do
        {
            columns.Add(ParseIdentifier());
        }
        while (Accept(TokenKind.Comma));

        EndSpecialFunction();
        return new DescriptorExpression(SpanFrom(start), NodeList<Identifier>.From(columns));
    }
}
