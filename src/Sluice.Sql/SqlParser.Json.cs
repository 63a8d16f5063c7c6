using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>
/// The SQL/JSON functions: <c>JSON_VALUE</c>, <c>JSON_QUERY</c>, <c>JSON_EXISTS</c>, <c>JSON_OBJECT</c>, <c>JSON_ARRAY</c>.
/// </summary>
public sealed partial class SqlParser
{
    [Flags]
    private enum JsonBehaviors
    {
        None = 0,
        Null = 1,
        Error = 2,
        Default = 4,
        Empty = 8,
        Boolean = 16,
    }

    private JsonValueExpression ParseJsonValue()
    {
        var start = BeginSpecialFunction();
        var (json, path) = ParseJsonInputAndPath();
        var returning = AcceptKeyword("RETURNING") ? ParseType() : null;
        var (onEmpty, onError) = ParseJsonBehaviors(JsonBehaviors.Null | JsonBehaviors.Error | JsonBehaviors.Default, allowOnEmpty: true);
        EndSpecialFunction();
        return new JsonValueExpression(SpanFrom(start), json, path, returning, onEmpty, onError);
    }

    private JsonQueryExpression ParseJsonQuery()
    {
        var start = BeginSpecialFunction();
        var (json, path) = ParseJsonInputAndPath();
        var returning = AcceptKeyword("RETURNING") ? ParseType() : null;
        var wrapper = JsonQueryWrapper.Default;
        if (AcceptKeyword("WITHOUT", "WITHOUT ARRAY WRAPPER"))
        {
            AcceptKeyword("ARRAY");
            ExpectKeyword("WRAPPER");
            wrapper = JsonQueryWrapper.Without;
        }
        else if (AcceptKeyword("WITH", "WITH ARRAY WRAPPER"))
        {
            wrapper = AcceptKeyword("CONDITIONAL") ? JsonQueryWrapper.WithConditional : JsonQueryWrapper.WithUnconditional;
            if (wrapper == JsonQueryWrapper.WithUnconditional)
            {
                AcceptKeyword("UNCONDITIONAL");
            }

            AcceptKeyword("ARRAY");
            ExpectKeyword("WRAPPER");
        }

        var (onEmpty, onError) = ParseJsonBehaviors(JsonBehaviors.Null | JsonBehaviors.Error | JsonBehaviors.Empty, allowOnEmpty: true);
        EndSpecialFunction();
        return new JsonQueryExpression(SpanFrom(start), json, path, returning, wrapper, onEmpty, onError);
    }

    private JsonExistsExpression ParseJsonExists()
    {
        var start = BeginSpecialFunction();
        var (json, path) = ParseJsonInputAndPath();
        var (_, onError) = ParseJsonBehaviors(JsonBehaviors.Error | JsonBehaviors.Boolean, allowOnEmpty: false);
        EndSpecialFunction();
        return new JsonExistsExpression(SpanFrom(start), json, path, onError);
    }

    private (SqlExpression Json, SqlExpression Path) ParseJsonInputAndPath()
    {
        var json = ParseExpr();
        if (Current.IsKeyword("FORMAT") && PeekToken(1).IsKeyword("JSON"))
        {
            throw NotSupported(Current.Span, "FORMAT JSON");
        }

        Expect(TokenKind.Comma);
        var path = ParseExpr();
        if (Current.IsKeyword("PASSING"))
        {
            throw NotSupported(Current.Span, "PASSING in a JSON function");
        }

        return (json, path);
    }

    /// <summary><c>[behavior ON EMPTY] [behavior ON ERROR]</c>, in either order, each at most once.</summary>
    private (JsonBehavior? OnEmpty, JsonBehavior? OnError) ParseJsonBehaviors(JsonBehaviors allowed, bool allowOnEmpty)
    {
        JsonBehavior? onEmpty = null;
        JsonBehavior? onError = null;
        while (true)
        {
            var behavior = TryParseJsonBehavior(allowed);
            if (behavior is null)
            {
                return (onEmpty, onError);
            }

            ExpectKeyword("ON");
            var target = Current;
            if (allowOnEmpty && AcceptKeyword("EMPTY"))
            {
                if (onEmpty is not null)
                {
                    throw Error(target.Span, "ON EMPTY is given twice");
                }

                onEmpty = behavior with { Span = SpanFrom(behavior.Span) };
            }
            else
            {
                ExpectKeyword("ERROR");
                if (onError is not null)
                {
                    throw Error(target.Span, "ON ERROR is given twice");
                }

                onError = behavior with { Span = SpanFrom(behavior.Span) };
            }
        }
    }

    private JsonBehavior? TryParseJsonBehavior(JsonBehaviors allowed)
    {
        var start = Current.Span;
        if (allowed.HasFlag(JsonBehaviors.Null) && AcceptKeyword("NULL"))
        {
            return new JsonBehavior(start, JsonBehaviorKind.Null, null);
        }

        if (allowed.HasFlag(JsonBehaviors.Error) && AcceptKeyword("ERROR"))
        {
            return new JsonBehavior(start, JsonBehaviorKind.Error, null);
        }

        if (allowed.HasFlag(JsonBehaviors.Default) && AcceptKeyword("DEFAULT"))
        {
            var value = ParseExpr();
            return new JsonBehavior(SpanFrom(start), JsonBehaviorKind.Default, value);
        }

        if (allowed.HasFlag(JsonBehaviors.Empty) && AcceptKeyword("EMPTY", "EMPTY ARRAY|OBJECT"))
        {
            if (AcceptKeyword("ARRAY"))
            {
                return new JsonBehavior(SpanFrom(start), JsonBehaviorKind.EmptyArray, null);
            }

            ExpectKeyword("OBJECT");
            return new JsonBehavior(SpanFrom(start), JsonBehaviorKind.EmptyObject, null);
        }

        if (allowed.HasFlag(JsonBehaviors.Boolean))
        {
            if (AcceptKeyword("TRUE"))
            {
                return new JsonBehavior(start, JsonBehaviorKind.True, null);
            }

            if (AcceptKeyword("FALSE"))
            {
                return new JsonBehavior(start, JsonBehaviorKind.False, null);
            }

            if (AcceptKeyword("UNKNOWN"))
            {
                return new JsonBehavior(start, JsonBehaviorKind.Unknown, null);
            }
        }

        return null;
    }

    private JsonObjectExpression ParseJsonObject()
    {
        var start = BeginSpecialFunction();
        var entries = new List<JsonKeyValue>();
        if (!Is(TokenKind.RightParen) && !AtJsonNullClause())
        {
            do
            {
                var entryStart = Current.Span;
                if (Current.IsKeyword("KEY") && !PeekToken(1).IsKeyword("VALUE"))
                {
                    Advance();
                }

                var key = ParseExpr();
                ExpectKeyword("VALUE");
                var value = ParseExpr();
                entries.Add(new JsonKeyValue(SpanFrom(entryStart), key, value));
            }
            while (Accept(TokenKind.Comma));
        }

        var nullHandling = ParseJsonNullClause();
        EndSpecialFunction();
        return new JsonObjectExpression(SpanFrom(start), NodeList<JsonKeyValue>.From(entries), nullHandling);
    }

    private JsonArrayExpression ParseJsonArray()
    {
        var start = BeginSpecialFunction();
        var elements = NodeList<SqlExpression>.Empty;
        if (!Is(TokenKind.RightParen) && !AtJsonNullClause())
        {
            if (AtQueryStart())
            {
                throw NotSupported(Current.Span, "JSON_ARRAY over a subquery");
            }

            elements = ParseExpressionList();
        }

        var nullHandling = ParseJsonNullClause();
        EndSpecialFunction();
        return new JsonArrayExpression(SpanFrom(start), elements, nullHandling);
    }

    private bool AtJsonNullClause() =>
        (Current.IsKeyword("NULL") || Current.IsKeyword("ABSENT")) && PeekToken(1).IsKeyword("ON") && PeekToken(2).IsKeyword("NULL");

    private JsonNullHandling ParseJsonNullClause()
    {
        Note("NULL ON NULL");
        Note("ABSENT ON NULL");
        if (!AtJsonNullClause())
        {
            return JsonNullHandling.Default;
        }

        var handling = Current.IsKeyword("NULL") ? JsonNullHandling.Null : JsonNullHandling.Absent;
        Advance();
        Advance();
        Advance();
        return handling;
    }
}
