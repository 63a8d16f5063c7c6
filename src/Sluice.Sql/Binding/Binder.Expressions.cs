using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Binding;

/// <summary>Expressions: the dispatch over syntax nodes, and grouped binding (what a <c>GROUP BY</c> allows).</summary>
internal sealed partial class Binder
{
    /// <summary>Binds an expression in a context; in a grouped context, through <see cref="TryBindGrouped"/>.</summary>
    private BoundExpression BindExpression(SqlExpression expression, ExpressionContext context)
    {
        if (_match is not null && TryBindMatchExpression(expression, context) is { } matched)
        {
            return matched;
        }

        if (context.Aggregation is { } aggregation && !context.InAggregateArgument)
        {
            var grouped = TryBindGrouped(expression, context, aggregation);
            if (grouped is not null)
            {
                return grouped;
            }
        }

        return BindExpressionCore(expression, context);
    }

    /// <summary>Binds an expression that must be a condition (<c>BOOLEAN</c>).</summary>
    private BoundExpression BindCondition(SqlExpression expression, ExpressionContext context)
    {
        var bound = BindExpression(expression, context);
        if (bound.Type.TypeId == TypeId.Null)
        {
            return BoundLiteral.Null(DataTypes.Boolean());
        }

        if (bound.Type.TypeId != TypeId.Boolean)
        {
            throw TypeError(expression.Span, $"The {context.ClauseName} condition must be a BOOLEAN, not {bound.Type}");
        }

        return bound;
    }

    /// <summary>
    /// In a grouped query: an aggregate call becomes a reference to its output column; an expression without
    /// aggregates that equals a group key becomes a reference to the key; a constant stays as it is; a column that
    /// is none of these is an error. Returns null for compound expressions, which are bound structurally with
    /// their parts going through here again.
    /// </summary>
    private BoundExpression? TryBindGrouped(SqlExpression expression, ExpressionContext context, AggregateBinding aggregation)
    {
        if (expression is FunctionCall { Over: null } call && IsAggregateCall(call))
        {
            return BindAggregateCall(call, context, aggregation);
        }

        if (ContainsAggregateOrWindow(expression) || SyntaxWalker.Any(expression, SyntaxWalker.IsSubquery))
        {
            return null;
        }

        var bound = BindExpression(expression, new ExpressionContext(aggregation.FromScope, context.Clause));
        var key = aggregation.FindKey(bound);
        if (key >= 0)
        {
            return aggregation.KeyReference(key);
        }

        if (!bound.Any(e => e is BoundInputRef or BoundOuterRef))
        {
            return bound;
        }

        if (expression is IdentifierExpression or FieldAccess)
        {
            throw Invalid(expression.Span, $"Expression '{Text(expression)}' is not being grouped");
        }

        return null;
    }

    private BoundExpression BindExpressionCore(SqlExpression expression, ExpressionContext context)
    {
        switch (expression)
        {
            case NumericLiteral or StringLiteral or BooleanLiteral or NullLiteral or BinaryStringLiteral or TypedLiteral or IntervalLiteral:
                return BindLiteral(expression);
            case IdentifierExpression identifier:
                return ResolveColumn(identifier.Name.Parts, context.Scope, identifier.Span);
            case FieldAccess access:
                return BindFieldAccess(access, context);
            case ItemAccess item:
                return BindItemAccess(item, context);
            case UnaryExpression unary:
                return BindUnary(unary, context);
            case BinaryExpression binary:
                return BindBinary(binary, context);
            case BetweenExpression between:
                return BindBetween(between, context);
            case InListExpression inList:
                return BindInList(inList, context);
            case LikeExpression like:
                return BindLike(like, context);
            case IsExpression isExpression:
                return BindIs(isExpression, context);
            case CaseExpression caseExpression:
                return BindCase(caseExpression, context);
            case CastExpression cast:
                return BindCast(cast, context);
            case ExtractExpression extract:
                return BindExtract(extract, context);
            case FloorCeilExpression floorCeil:
                return BindFloorCeil(floorCeil, context);
            case TrimExpression trim:
                return BindTrim(trim, context);
            case PositionExpression position:
                return BindPosition(position, context);
            case OverlayExpression overlay:
                return BindOverlay(overlay, context);
            case FunctionCall call:
                return BindFunctionCall(call, context);
            case RowConstructor row:
                return ResolveCall(BuiltInFunctions.RowConstructor, row.Fields.Select(f => BindExpression(f, context)).ToList(), row.Span);
            case ArrayConstructor array:
                if (array.Elements.Count == 0)
                {
                    throw NotSupported(array.Span, "an empty ARRAY[] needs a type; write CAST(ARRAY[...] AS ARRAY<type>) with elements");
                }

                return ResolveCall(BuiltInFunctions.ArrayConstructor, array.Elements.Select(e => BindExpression(e, context)).ToList(), array.Span);
            case MapConstructor map:
                return ResolveCall(BuiltInFunctions.MapConstructor, map.Entries.Select(e => BindExpression(e, context)).ToList(), map.Span);
            case JsonValueExpression or JsonQueryExpression or JsonExistsExpression or JsonObjectExpression or JsonArrayExpression:
                return BindJson(expression, context);
            case TimeUnitExpression unit:
                return new BoundSymbol(Syntax.TimeUnits.ToSql(unit.Unit));
            case SubqueryExpression subquery:
                return BindScalarSubquery(subquery, context);
            case ExistsExpression or InSubqueryExpression:
                return BindSubqueryPredicate(expression, context);
            case StarExpression:
                throw Invalid(expression.Span, "'*' is only allowed in the SELECT list and in COUNT(*)");
            case NamedArgument named:
                throw NotSupported(named.Span, "named arguments are only supported for window table functions");
            case DescriptorExpression or TableArgument:
                throw Invalid(expression.Span, $"{Text(expression)} is only allowed as an argument of a table function in FROM");
            case GroupingSetsExpression or EmptyGroupingSet:
                throw Invalid(expression.Span, "grouping sets are only allowed in GROUP BY");
            default:
                throw NotSupported(expression.Span, $"the expression {Text(expression)} is not supported yet");
        }
    }

    /// <summary>True for a call of an aggregate function (by name).</summary>
    private bool IsAggregateCall(FunctionCall call) =>
        FindFunction(call.Name)?.Kind == FunctionKind.Aggregate;

    /// <summary>True when the expression contains an aggregate call or an <c>OVER</c> window (not inside subqueries).</summary>
    private bool ContainsAggregateOrWindow(SqlExpression expression) =>
        SyntaxWalker.Any(expression, e => e is FunctionCall call && (call.Over is not null || IsAggregateCall(call)));

    /// <summary>
    /// True when the expression contains a group aggregate call (one without <c>OVER</c>, also when it is an argument of a
    /// window call, as in <c>SUM(COUNT(*)) OVER ...</c>): such a <c>SELECT</c> aggregates.
    /// </summary>
    private bool ContainsAggregate(SqlExpression expression) =>
        SyntaxWalker.Any(expression, e => e is FunctionCall { Over: null } call && IsAggregateCall(call));

    private BoundExpression BindFieldAccess(FieldAccess access, ExpressionContext context)
    {
        var target = BindExpression(access.Target, context);
        return AccessField(target, access.Field, Text(access.Target));
    }

    private BoundExpression AccessField(BoundExpression target, Identifier field, string targetText)
    {
        if (target.Type.TypeId != TypeId.Row)
        {
            throw TypeError(field.Span, $"'{targetText}' is of type {target.Type}, not a ROW; it has no field '{field.Value}'");
        }

        for (var i = 0; i < target.Type.Fields.Count; i++)
        {
            var candidate = target.Type.Fields[i];
            if (candidate.Name == field.Value)
            {
                var type = target.Type.IsNullable ? candidate.DataType.Nullable() : candidate.DataType;
                return new BoundFieldAccess(target, candidate.Name, i, type);
            }
        }

        throw NotFound(field.Span, $"'{targetText}' of type {target.Type} has no field '{field.Value}'"
            + Catalog.NameSuggestions.DidYouMean(field.Value, target.Type.Fields.Select(f => f.Name)));
    }

    private BoundExpression BindItemAccess(ItemAccess item, ExpressionContext context)
    {
        var target = BindExpression(item.Target, context);
        var index = BindExpression(item.Index, context);
        if (target.Type.TypeId == TypeId.Map)
        {
            index = Coerce(index, target.Type.KeyType!);
        }

        return ResolveCall(BuiltInFunctions.Item, [target, index], item.Span);
    }
}
