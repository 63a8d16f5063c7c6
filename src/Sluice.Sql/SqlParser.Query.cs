using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Queries: <c>WITH</c>, set operations, <c>SELECT</c>, <c>VALUES</c>, <c>ORDER BY</c>/<c>LIMIT</c>.</summary>
public sealed partial class SqlParser
{
    /// <summary>A full query: <c>[WITH ...] set-operations [ORDER BY ...] [LIMIT ...] [OFFSET ...] [FETCH ...]</c>.</summary>
    private SqlQuery ParseQueryExpression()
    {
        Enter();
        SqlQuery result;
        if (IsKeyword("WITH"))
        {
            var start = Advance().Span;
            var ctes = new List<CommonTableExpression>();
            do
            {
                var name = ParseIdentifier();
                var columns = Is(TokenKind.LeftParen) ? ParseParenthesizedIdentifiers() : NodeList<Identifier>.Empty;
                ExpectKeyword("AS");
                Expect(TokenKind.LeftParen);
                var query = ParseQueryExpression();
                Expect(TokenKind.RightParen);
                ctes.Add(new CommonTableExpression(SpanFrom(name.Span), name, columns, query));
            }
            while (Accept(TokenKind.Comma));

            var body = ParseOrderedQuery();
            result = new WithQuery(SpanFrom(start), NodeList<CommonTableExpression>.From(ctes), body);
        }
        else
        {
            result = ParseOrderedQuery();
        }

        Exit();
        return result;
    }

    private SqlQuery ParseOrderedQuery()
    {
        var body = ParseUnionLevel();
        var orderBy = NodeList<OrderItem>.Empty;
        SqlExpression? limit = null;
        SqlExpression? offset = null;
        var hasClause = false;
        if (IsKeywordPair("ORDER", "BY"))
        {
            Advance();
            Advance();
            orderBy = ParseOrderItems();
            hasClause = true;
        }

        if (AcceptKeyword("LIMIT"))
        {
            hasClause = true;
            if (!AcceptKeyword("ALL"))
            {
                limit = ParseRowCount();
            }
        }

        if (AcceptKeyword("OFFSET"))
        {
            hasClause = true;
            offset = ParseRowCount();
            if (!AcceptKeyword("ROWS"))
            {
                AcceptKeyword("ROW");
            }
        }

        if (IsKeyword("FETCH"))
        {
            if (limit is not null)
            {
                throw Error(Current.Span, "LIMIT and FETCH cannot both be used in the same query");
            }

            var fetchStart = Advance().Span;
            if (!AcceptKeyword("FIRST") && !AcceptKeyword("NEXT"))
            {
                throw Unexpected();
            }

            limit = Is(TokenKind.Integer) ? ParseRowCount() : new NumericLiteral(SpanFrom(fetchStart), "1", NumericLiteralKind.Integer);
            if (!AcceptKeyword("ROWS") && !AcceptKeyword("ROW"))
            {
                throw Unexpected();
            }

            ExpectKeyword("ONLY");
            hasClause = true;
        }

        return hasClause ? new OrderedQuery(SpanFrom(body.Span), body, orderBy, limit, offset) : body;
    }

    private NumericLiteral ParseRowCount()
    {
        var token = Expect(TokenKind.Integer);
        return new NumericLiteral(token.Span, token.Text, NumericLiteralKind.Integer);
    }

    private NodeList<OrderItem> ParseOrderItems()
    {
        var items = new List<OrderItem>();
        do
        {
            items.Add(ParseOrderItem());
        }
        while (Accept(TokenKind.Comma));

        return NodeList<OrderItem>.From(items);
    }

    private OrderItem ParseOrderItem()
    {
        var expression = ParseExpr();
        var direction = SortDirection.Default;
        if (AcceptKeyword("ASC"))
        {
            direction = SortDirection.Ascending;
        }
        else if (AcceptKeyword("DESC"))
        {
            direction = SortDirection.Descending;
        }

        var nulls = NullOrdering.Default;
        if (AcceptKeyword("NULLS", "NULLS FIRST|LAST"))
        {
            if (AcceptKeyword("FIRST"))
            {
                nulls = NullOrdering.First;
            }
            else
            {
                ExpectKeyword("LAST");
                nulls = NullOrdering.Last;
            }
        }

        return new OrderItem(SpanFrom(expression.Span), expression, direction, nulls);
    }

    /// <summary><c>UNION</c> and <c>EXCEPT</c>: the loosest set operators, left-associative.</summary>
    private SqlQuery ParseUnionLevel()
    {
        var left = ParseIntersectLevel();
        var chain = 0;
        while (true)
        {
            SetOperator op;
            if (IsKeyword("UNION"))
            {
                op = SetOperator.Union;
            }
            else if (IsKeyword("EXCEPT") || Current.IsKeyword("MINUS"))
            {
                op = SetOperator.Except;
            }
            else
            {
                break;
            }

            Advance();
            Enter();
            chain++;
            var quantifier = ParseSetQuantifier();
            var right = ParseIntersectLevel();
            left = new SetOperationQuery(SpanFrom(left.Span), op, quantifier, left, right);
        }

        _depth -= chain;
        return left;
    }

    /// <summary><c>INTERSECT</c> binds tighter than <c>UNION</c> and <c>EXCEPT</c>.</summary>
    private SqlQuery ParseIntersectLevel()
    {
        var left = ParseQueryPrimary();
        var chain = 0;
        while (AcceptKeyword("INTERSECT"))
        {
            Enter();
            chain++;
            var quantifier = ParseSetQuantifier();
            var right = ParseQueryPrimary();
            left = new SetOperationQuery(SpanFrom(left.Span), SetOperator.Intersect, quantifier, left, right);
        }

        _depth -= chain;
        return left;
    }

    private SetQuantifier ParseSetQuantifier()
    {
        if (AcceptKeyword("ALL"))
        {
            return SetQuantifier.All;
        }

        return AcceptKeyword("DISTINCT") ? SetQuantifier.Distinct : SetQuantifier.None;
    }

    private SqlQuery ParseQueryPrimary()
    {
        if (IsKeyword("SELECT"))
        {
            return ParseSelect();
        }

        if (IsKeyword("VALUES"))
        {
            return ParseValues();
        }

        if (Is(TokenKind.LeftParen))
        {
            var start = Advance().Span;
            var query = ParseQueryExpression();
            Expect(TokenKind.RightParen);
            return query with { Span = SpanFrom(start) };
        }

        if (Current.IsKeyword("VALUE") && PeekToken(1).Kind == TokenKind.LeftParen)
        {
            // Calcite accepts VALUE for VALUES only under lenient conformances; Flink's keeps it off.
            throw Error(Current.Span, "VALUE is not a synonym of VALUES in Flink SQL; write VALUES");
        }

        throw Unexpected();
    }

    private ValuesQuery ParseValues()
    {
        var start = ExpectKeyword("VALUES").Span;
        var rows = new List<RowConstructor>();
        do
        {
            var next = PeekToken(1);
            if (Is(TokenKind.LeftParen) && !(next.IsKeyword("SELECT") || next.IsKeyword("WITH") || next.IsKeyword("VALUES")))
            {
                var rowStart = Advance().Span;
                var fields = ParseExpressionList();
                Expect(TokenKind.RightParen);
                rows.Add(new RowConstructor(SpanFrom(rowStart), fields, false));
            }
            else
            {
                var expression = ParseExpr();
                rows.Add(expression as RowConstructor
                         ?? new RowConstructor(expression.Span, NodeList<SqlExpression>.Wrap([expression]), false));
            }
        }
        while (Accept(TokenKind.Comma));

        return new ValuesQuery(SpanFrom(start), NodeList<RowConstructor>.From(rows));
    }

    private SelectQuery ParseSelect()
    {
        var start = ExpectKeyword("SELECT").Span;
        var hints = ParseOptionalHints();
        var quantifier = SetQuantifier.None;
        if (AcceptKeyword("DISTINCT"))
        {
            quantifier = SetQuantifier.Distinct;
        }
        else if (AcceptKeyword("ALL"))
        {
            quantifier = SetQuantifier.All;
        }

        var items = new List<SelectItem>();
        do
        {
            items.Add(ParseSelectItem());
        }
        while (Accept(TokenKind.Comma));

        TableReference? from = null;
        if (AcceptKeyword("FROM"))
        {
            from = ParseFromClause();
        }

        SqlExpression? where = null;
        if (AcceptKeyword("WHERE"))
        {
            where = ParseExpr();
        }

        var groupBy = NodeList<SqlExpression>.Empty;
        if (IsKeywordPair("GROUP", "BY"))
        {
            Advance();
            Advance();
            var elements = new List<SqlExpression>();
            do
            {
                elements.Add(ParseGroupingElement());
            }
            while (Accept(TokenKind.Comma));

            groupBy = NodeList<SqlExpression>.From(elements);
        }

        SqlExpression? having = null;
        if (AcceptKeyword("HAVING"))
        {
            having = ParseExpr();
        }

        var windows = new List<NamedWindow>();
        if (AcceptKeyword("WINDOW"))
        {
            do
            {
                var name = ParseIdentifier();
                ExpectKeyword("AS");
                var specification = ParseWindowSpecification();
                windows.Add(new NamedWindow(SpanFrom(name.Span), name, specification));
            }
            while (Accept(TokenKind.Comma));
        }

        SqlExpression? qualify = null;
        if (Current.IsKeyword("QUALIFY"))
        {
            Advance();
            qualify = ParseExpr();
        }

        return new SelectQuery(SpanFrom(start), hints, quantifier, NodeList<SelectItem>.From(items), from, where, groupBy,
            having, NodeList<NamedWindow>.From(windows)) { Qualify = qualify };
    }

    private SelectItem ParseSelectItem()
    {
        if (Is(TokenKind.Star))
        {
            var star = Advance();
            return new SelectItem(star.Span, new StarExpression(star.Span, null), null);
        }

        var expression = ParseExpr();
        if (expression is StarExpression)
        {
            return new SelectItem(expression.Span, expression, null);
        }

        Identifier? alias = null;
        if (AcceptKeyword("AS"))
        {
            alias = ParseIdentifier();
        }
        else if (AtIdentifier())
        {
            alias = ParseIdentifier();
        }

        return new SelectItem(SpanFrom(expression.Span), expression, alias);
    }

    /// <summary>A <c>GROUP BY</c> element: an expression, <c>()</c>, <c>GROUPING SETS</c>, <c>ROLLUP</c> or <c>CUBE</c>.</summary>
    private SqlExpression ParseGroupingElement()
    {
        if (Is(TokenKind.LeftParen) && PeekToken(1).Kind == TokenKind.RightParen)
        {
            var start = Advance().Span;
            Advance();
            return new EmptyGroupingSet(SpanFrom(start));
        }

        GroupingKind kind;
        SourceSpan constructStart;
        if (IsKeywordPair("GROUPING", "SETS"))
        {
            constructStart = Advance().Span;
            Advance();
            kind = GroupingKind.GroupingSets;
        }
        else if (IsKeyword("ROLLUP") && PeekToken(1).Kind == TokenKind.LeftParen)
        {
            constructStart = Advance().Span;
            kind = GroupingKind.Rollup;
        }
        else if (IsKeyword("CUBE") && PeekToken(1).Kind == TokenKind.LeftParen)
        {
            constructStart = Advance().Span;
            kind = GroupingKind.Cube;
        }
        else
        {
            return ParseExpr();
        }

        Enter();
        Expect(TokenKind.LeftParen);
        var elements = new List<SqlExpression>();
        do
        {
            elements.Add(ParseGroupingElement());
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        Exit();
        return new GroupingSetsExpression(SpanFrom(constructStart), kind, NodeList<SqlExpression>.From(elements));
    }
}
