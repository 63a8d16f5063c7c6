using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>
/// The direct sub-expressions of an expression node, for syntactic checks (does a select item contain an
/// aggregate call?). Subqueries are leaves: what they contain belongs to them.
/// </summary>
internal static class SyntaxWalker
{
    /// <summary>The direct sub-expressions of <paramref name="expression"/>, in order.</summary>
    public static IEnumerable<SqlExpression> Children(SqlExpression expression)
    {
        switch (expression)
        {
            case UnaryExpression unary:
                return [unary.Operand];
            case BinaryExpression binary:
                return [binary.Left, binary.Right];
            case BetweenExpression between:
                return [between.Operand, between.Low, between.High];
            case InListExpression inList:
                return [inList.Operand, .. inList.Values];
            case InSubqueryExpression inSubquery:
                return [inSubquery.Operand];
            case LikeExpression like:
                return like.Escape is null ? [like.Operand, like.Pattern] : [like.Operand, like.Pattern, like.Escape];
            case IsExpression isExpression:
                return [isExpression.Operand];
            case CaseExpression caseExpression:
            {
                var children = new List<SqlExpression>();
                if (caseExpression.Operand is not null)
                {
                    children.Add(caseExpression.Operand);
                }

                foreach (var when in caseExpression.WhenClauses)
                {
                    children.Add(when.Condition);
                    children.Add(when.Result);
                }

                if (caseExpression.Else is not null)
                {
                    children.Add(caseExpression.Else);
                }

                return children;
            }

            case CastExpression cast:
                return [cast.Operand];
            case ExtractExpression extract:
                return [extract.Source];
            case FloorCeilExpression floorCeil:
                return [floorCeil.Operand];
            case TrimExpression trim:
                return trim.Characters is null ? [trim.Source] : [trim.Characters, trim.Source];
            case PositionExpression position:
                return position.Start is null ? [position.Needle, position.Haystack] : [position.Needle, position.Haystack, position.Start];
            case OverlayExpression overlay:
                return overlay.Length is null
                    ? [overlay.Source, overlay.Replacement, overlay.Start]
                    : [overlay.Source, overlay.Replacement, overlay.Start, overlay.Length];
            case FunctionCall call:
            {
                var children = new List<SqlExpression>(call.Arguments);
                if (call.Filter is not null)
                {
                    children.Add(call.Filter);
                }

                return children;
            }

            case FieldAccess access:
                return [access.Target];
            case ItemAccess item:
                return [item.Target, item.Index];
            case RowConstructor row:
                return row.Fields;
            case ArrayConstructor array:
                return array.Elements;
            case MapConstructor map:
                return map.Entries;
            case NamedArgument named:
                return [named.Value];
            case GroupingSetsExpression sets:
                return sets.Elements;
            case JsonValueExpression json:
                return [json.Json, json.Path];
            case JsonQueryExpression json:
                return [json.Json, json.Path];
            case JsonExistsExpression json:
                return [json.Json, json.Path];
            case JsonObjectExpression json:
                return json.Entries.SelectMany(e => new[] { e.Key, e.Value });
            case JsonArrayExpression json:
                return json.Elements;
            default:
                return [];
        }
    }

    /// <summary>True when <paramref name="expression"/> or a node below it (not inside subqueries) satisfies <paramref name="predicate"/>.</summary>
    public static bool Any(SqlExpression expression, Func<SqlExpression, bool> predicate)
    {
        if (predicate(expression))
        {
            return true;
        }

        foreach (var child in Children(expression))
        {
            if (Any(child, predicate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for subquery expressions (<c>(SELECT ...)</c>, <c>EXISTS</c>, <c>IN (SELECT ...)</c>).</summary>
    public static bool IsSubquery(SqlExpression expression) =>
        expression is SubqueryExpression or ExistsExpression or InSubqueryExpression;
}
