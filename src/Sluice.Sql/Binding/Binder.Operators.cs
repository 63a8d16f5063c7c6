using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>Operators: arithmetic, comparison with coercion, logic, <c>BETWEEN</c>, <c>IN</c>, <c>LIKE</c>, <c>IS</c>.</summary>
internal sealed partial class Binder
{
    private BoundExpression BindUnary(UnaryExpression unary, ExpressionContext context)
    {
        switch (unary.Operator)
        {
            case UnaryOperator.Minus when unary.Operand is NumericLiteral number:
                return BindNumber(number.Text.StartsWith('-') ? number.Text[1..] : "-" + number.Text, number.Kind, unary.Span);
            case UnaryOperator.Minus:
                return ResolveCall(BuiltInFunctions.Negate, [BindExpression(unary.Operand, context)], unary.Span);
            case UnaryOperator.Plus:
            {
                var operand = BindExpression(unary.Operand, context);
                if (!TypeRules.IsNumeric(operand.Type) && !TypeRules.IsInterval(operand.Type))
                {
                    throw TypeError(unary.Span, $"Cannot apply '+' to an argument of type {operand.Type}");
                }

                return operand;
            }

            default:
                return ResolveCall(BuiltInFunctions.Not, [BindExpression(unary.Operand, context)], unary.Span);
        }
    }

    private BoundExpression BindBinary(BinaryExpression binary, ExpressionContext context)
    {
        if (binary.Operator == BinaryOperator.Overlaps)
        {
            return BindOverlaps(binary, context);
        }

        var left = BindExpression(binary.Left, context);
        var right = BindExpression(binary.Right, context);
        return binary.Operator switch
        {
            BinaryOperator.And => ResolveCall(BuiltInFunctions.And, [left, right], binary.Span),
            BinaryOperator.Or => ResolveCall(BuiltInFunctions.Or, [left, right], binary.Span),
            BinaryOperator.Equal => Compare(BuiltInFunctions.EqualTo, left, right, binary.Span),
            BinaryOperator.NotEqual => Compare(BuiltInFunctions.NotEqualTo, left, right, binary.Span),
            BinaryOperator.Less => Compare(BuiltInFunctions.LessThan, left, right, binary.Span),
            BinaryOperator.LessOrEqual => Compare(BuiltInFunctions.LessThanOrEqual, left, right, binary.Span),
            BinaryOperator.Greater => Compare(BuiltInFunctions.GreaterThan, left, right, binary.Span),
            BinaryOperator.GreaterOrEqual => Compare(BuiltInFunctions.GreaterThanOrEqual, left, right, binary.Span),
            BinaryOperator.IsDistinctFrom => Compare(BuiltInFunctions.IsDistinctFrom, left, right, binary.Span),
            BinaryOperator.IsNotDistinctFrom => Compare(BuiltInFunctions.IsNotDistinctFrom, left, right, binary.Span),
            BinaryOperator.Add => ResolveCall(BuiltInFunctions.Plus, [left, right], binary.Span),
            BinaryOperator.Subtract => ResolveCall(BuiltInFunctions.Minus, [left, right], binary.Span),
            BinaryOperator.Multiply => ResolveCall(BuiltInFunctions.Multiply, [left, right], binary.Span),
            BinaryOperator.Divide => ResolveCall(BuiltInFunctions.Divide, [left, right], binary.Span),
            BinaryOperator.Modulo => ResolveCall(BuiltInFunctions.Modulo, [left, right], binary.Span),
            _ => ResolveCall(BuiltInFunctions.Concat, [left, right], binary.Span),
        };
    }

    /// <summary>
    /// A comparison: the operands are brought to their comparison type (numbers widened, <c>DATE</c> to
    /// <c>TIMESTAMP</c>, untyped <c>NULL</c> to the other side's type); ordering needs orderable types.
    /// </summary>
    private static BoundExpression Compare(FunctionDefinition comparison, BoundExpression left, BoundExpression right, SourceSpan span)
    {
        var common = TypeRules.ComparisonType(left.Type, right.Type)
            ?? throw TypeError(span, $"Cannot apply '{comparison.Name}' to arguments of type {left.Type} and {right.Type}");
        var ordering = comparison.Name is "<" or "<=" or ">" or ">=";
        if (ordering && !TypeRules.IsOrderable(common))
        {
            throw TypeError(span, $"Cannot apply '{comparison.Name}' to arguments of type {left.Type} and {right.Type}: the values have no order");
        }

        if (common.TypeId == TypeId.Null)
        {
            common = DataTypes.Boolean();
        }

        return ResolveCall(comparison, [Coerce(left, common), Coerce(right, common)], span);
    }

    private BoundExpression BindBetween(BetweenExpression between, ExpressionContext context)
    {
        var operand = BindExpression(between.Operand, context);
        var low = BindExpression(between.Low, context);
        var high = BindExpression(between.High, context);
        var inRange = ResolveCall(BuiltInFunctions.And,
            [Compare(BuiltInFunctions.GreaterThanOrEqual, operand, low, between.Span), Compare(BuiltInFunctions.LessThanOrEqual, operand, high, between.Span)],
            between.Span);
        BoundExpression result = inRange;
        if (between.Symmetry == BetweenSymmetry.Symmetric)
        {
            var swapped = ResolveCall(BuiltInFunctions.And,
                [Compare(BuiltInFunctions.GreaterThanOrEqual, operand, high, between.Span), Compare(BuiltInFunctions.LessThanOrEqual, operand, low, between.Span)],
                between.Span);
            result = ResolveCall(BuiltInFunctions.Or, [inRange, swapped], between.Span);
        }

        return between.IsNegated ? ResolveCall(BuiltInFunctions.Not, [result], between.Span) : result;
    }

    private BoundExpression BindInList(InListExpression inList, ExpressionContext context)
    {
        var operand = BindExpression(inList.Operand, context);
        var values = inList.Values.Select(v => BindExpression(v, context)).ToList();
        var common = operand.Type;
        foreach (var value in values)
        {
            common = TypeRules.ComparisonType(common, value.Type)
                ?? throw TypeError(inList.Span, $"Cannot apply 'IN' to arguments of type {operand.Type} and {value.Type}: the values must be comparable with the tested expression");
        }

        if (common.TypeId == TypeId.Null)
        {
            common = DataTypes.Boolean();
        }

        var operands = new List<BoundExpression> { Coerce(operand, common) };
        operands.AddRange(values.Select(v => Coerce(v, common)));
        var call = ResolveCall(BuiltInFunctions.In, operands, inList.Span);
        return inList.IsNegated ? ResolveCall(BuiltInFunctions.Not, [call], inList.Span) : call;
    }

    private BoundExpression BindLike(LikeExpression like, ExpressionContext context)
    {
        var function = like.Operator == LikeOperator.Like ? BuiltInFunctions.Like : BuiltInFunctions.SimilarTo;
        var operands = new List<BoundExpression> { BindExpression(like.Operand, context), BindExpression(like.Pattern, context) };
        if (like.Escape is not null)
        {
            var escape = BindExpression(like.Escape, context);
            if (escape is BoundLiteral { Value: string text } && text.Length != 1)
            {
                throw Invalid(like.Escape.Span, $"The ESCAPE character must be a single character, not '{text}'");
            }

            operands.Add(escape);
        }

        var call = ResolveCall(function, operands, like.Span);
        return like.IsNegated ? ResolveCall(BuiltInFunctions.Not, [call], like.Span) : call;
    }

    private BoundExpression BindIs(IsExpression isExpression, ExpressionContext context)
    {
        var operand = BindExpression(isExpression.Operand, context);
        var negated = isExpression.IsNegated;
        var function = isExpression.Test switch
        {
            IsTest.Null => negated ? BuiltInFunctions.IsNotNull : BuiltInFunctions.IsNull,
            IsTest.True => negated ? BuiltInFunctions.IsNotTrue : BuiltInFunctions.IsTrue,
            IsTest.False => negated ? BuiltInFunctions.IsNotFalse : BuiltInFunctions.IsFalse,
            IsTest.Json => BuiltInFunctions.IsJsonValue,
            IsTest.JsonScalar => BuiltInFunctions.IsJsonScalar,
            IsTest.JsonArray => BuiltInFunctions.IsJsonArray,
            IsTest.JsonObject => BuiltInFunctions.IsJsonObject,
            _ => negated ? BuiltInFunctions.IsNotNull : BuiltInFunctions.IsNull,
        };
        if (isExpression.Test == IsTest.Unknown && operand.Type.TypeId is not (TypeId.Boolean or TypeId.Null))
        {
            throw TypeError(isExpression.Span, $"Cannot apply 'IS UNKNOWN' to an argument of type {operand.Type}");
        }

        var call = ResolveCall(function, [operand], isExpression.Span);
        return negated && isExpression.Test is IsTest.Json or IsTest.JsonScalar or IsTest.JsonArray or IsTest.JsonObject
            ? ResolveCall(BuiltInFunctions.Not, [call], isExpression.Span)
            : call;
    }
}
