using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>
/// Rebuilds an expression tree with some of its nodes replaced (the select list's aliases in <c>QUALIFY</c>). The
/// walk reaches every sub-expression <see cref="SyntaxWalker.Children"/> knows, plus the partition and order keys of
/// an <c>OVER</c> window; subqueries are leaves, as their names belong to them.
/// </summary>
internal static class SyntaxRewriter
{
    /// <summary>
    /// The expression with each node for which <paramref name="replace"/> returns a value replaced by that value
    /// (whose own nodes are not visited again); nodes without a replacement are rebuilt over their rewritten children.
    /// </summary>
    public static SqlExpression Rewrite(SqlExpression expression, Func<SqlExpression, SqlExpression?> replace)
    {
        if (replace(expression) is { } replaced)
        {
            return replaced;
        }

        SqlExpression R(SqlExpression e) => Rewrite(e, replace);
        SqlExpression? RN(SqlExpression? e) => e is null ? null : Rewrite(e, replace);
        NodeList<SqlExpression> RL(NodeList<SqlExpression> list) => new(list.Select(R));
        JsonBehavior? RB(JsonBehavior? behavior) => behavior is null ? null : behavior with { Default = RN(behavior.Default) };

        return expression switch
        {
            UnaryExpression unary => unary with { Operand = R(unary.Operand) },
            BinaryExpression binary => binary with { Left = R(binary.Left), Right = R(binary.Right) },
            BetweenExpression between => between with { Operand = R(between.Operand), Low = R(between.Low), High = R(between.High) },
            InListExpression inList => inList with { Operand = R(inList.Operand), Values = RL(inList.Values) },
            InSubqueryExpression inSubquery => inSubquery with { Operand = R(inSubquery.Operand) },
            LikeExpression like => like with { Operand = R(like.Operand), Pattern = R(like.Pattern), Escape = RN(like.Escape) },
            IsExpression isExpression => isExpression with { Operand = R(isExpression.Operand) },
            CaseExpression caseExpression => caseExpression with
            {
                Operand = RN(caseExpression.Operand),
                WhenClauses = new(caseExpression.WhenClauses.Select(w => w with { Condition = R(w.Condition), Result = R(w.Result) })),
                Else = RN(caseExpression.Else),
            },
            CastExpression cast => cast with { Operand = R(cast.Operand) },
            ExtractExpression extract => extract with { Source = R(extract.Source) },
            FloorCeilExpression floorCeil => floorCeil with { Operand = R(floorCeil.Operand) },
            TrimExpression trim => trim with { Characters = RN(trim.Characters), Source = R(trim.Source) },
            PositionExpression position => position with { Needle = R(position.Needle), Haystack = R(position.Haystack), Start = RN(position.Start) },
            OverlayExpression overlay => overlay with
            {
                Source = R(overlay.Source),
                Replacement = R(overlay.Replacement),
                Start = R(overlay.Start),
                Length = RN(overlay.Length),
            },
            FunctionCall call => call with
            {
                Arguments = RL(call.Arguments),
                Filter = RN(call.Filter),
                Over = call.Over is null ? null : call.Over with
                {
                    PartitionBy = RL(call.Over.PartitionBy),
                    OrderBy = new(call.Over.OrderBy.Select(o => o with { Expression = R(o.Expression) })),
                },
            },
            FieldAccess access => access with { Target = R(access.Target) },
            ItemAccess item => item with { Target = R(item.Target), Index = R(item.Index) },
            RowConstructor row => row with { Fields = RL(row.Fields) },
            ArrayConstructor array => array with { Elements = RL(array.Elements) },
            MapConstructor map => map with { Entries = RL(map.Entries) },
            NamedArgument named => named with { Value = R(named.Value) },
            JsonValueExpression json => json with { Json = R(json.Json), Path = R(json.Path), OnEmpty = RB(json.OnEmpty), OnError = RB(json.OnError) },
            JsonQueryExpression json => json with { Json = R(json.Json), Path = R(json.Path), OnEmpty = RB(json.OnEmpty), OnError = RB(json.OnError) },
            JsonExistsExpression json => json with { Json = R(json.Json), Path = R(json.Path), OnError = RB(json.OnError) },
            JsonObjectExpression json => json with { Entries = new(json.Entries.Select(e => e with { Key = R(e.Key), Value = R(e.Value) })) },
            JsonArrayExpression json => json with { Elements = RL(json.Elements) },
            _ => expression,
        };
    }
}
