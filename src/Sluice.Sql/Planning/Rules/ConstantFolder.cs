using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// Evaluates deterministic calls and casts over literals, bottom-up. A result is produced only when it has exactly
/// the type of the expression it replaces and cannot differ from run-time evaluation; overflow, division by zero
/// and unsupported functions are left for run time.
/// </summary>
internal static class ConstantFolder
{
    public static BoundExpression Fold(BoundExpression expression) => expression.Transform(FoldNode);

    private static BoundExpression FoldNode(BoundExpression node) => node switch
    {
        BoundCall { Function.IsDeterministic: true } call => Simplify(call) ?? Evaluate(call) ?? call,
        BoundCast { Operand: BoundLiteral literal } cast => (BoundExpression?)CastLiteral(literal, cast.Type) ?? cast,
        _ => node,
    };

    /// <summary><c>TRUE AND x</c> is <c>x</c>, <c>FALSE AND x</c> is <c>FALSE</c>, and the same for <c>OR</c>.</summary>
    private static BoundExpression? Simplify(BoundCall call)
    {
        var isAnd = ReferenceEquals(call.Function, BuiltInFunctions.And);
        if ((!isAnd && !ReferenceEquals(call.Function, BuiltInFunctions.Or)) || call.Operands.Count != 2)
        {
            return null;
        }

        for (var i = 0; i < 2; i++)
        {
            if (call.Operands[i] is BoundLiteral { Value: bool value })
            {
                var other = call.Operands[1 - i];
                if (value == isAnd)
                {
                    // TRUE AND x, FALSE OR x: x, when the type does not change.
                    return other.Type.Equals(call.Type) ? other : null;
                }

                // FALSE AND x, TRUE OR x: the literal.
                return new BoundLiteral(value, call.Type);
            }
        }

        return null;
    }

    private static BoundExpression? Evaluate(BoundCall call)
    {
        if (!call.Operands.All(o => o is BoundLiteral))
        {
            return null;
        }

        var operands = call.Operands.Cast<BoundLiteral>().ToArray();
        var function = call.Function;
        if (IsStrict(function) && operands.Any(o => o.IsNull))
        {
            return call.Type.IsNullable ? new BoundLiteral(null, call.Type) : null;
        }

        var value = EvaluateValue(function, operands, call.Type);
        return value.HasValue ? new BoundLiteral(value.Value, call.Type) : null;
    }

    private static bool IsStrict(FunctionDefinition function) =>
        function.Syntax == FunctionSyntax.Binary && function.Name is not ("AND" or "OR" or "IS DISTINCT FROM" or "IS NOT DISTINCT FROM")
        || ReferenceEquals(function, BuiltInFunctions.Negate)
        || ReferenceEquals(function, BuiltInFunctions.Upper)
        || ReferenceEquals(function, BuiltInFunctions.Lower);

    /// <summary>The value of the call, or no value when it cannot be folded.</summary>
    private static Optional EvaluateValue(FunctionDefinition function, BoundLiteral[] operands, DataType type)
    {
        switch (function.Name)
        {
            case "+" or "*" or "/" or "%" when function.Syntax == FunctionSyntax.Binary:
            case "-" when function.Syntax == FunctionSyntax.Binary:
                return Arithmetic(function.Name, operands[0], operands[1], type);
            case "-":
                return Arithmetic("-", new BoundLiteral(0, DataTypes.Int().NotNull()), operands[0], type);
            case "=" or "<>" or "<" or "<=" or ">" or ">=":
            {
                var order = Compare(operands[0], operands[1]);
                return order is null ? Optional.None : Optional.Of(function.Name switch
                {
                    "=" => order == 0,
                    "<>" => order != 0,
                    "<" => order < 0,
                    "<=" => order <= 0,
                    ">" => order > 0,
                    _ => order >= 0,
                });
            }

            case "IS DISTINCT FROM" or "IS NOT DISTINCT FROM":
            {
                bool same;
                if (operands[0].IsNull || operands[1].IsNull)
                {
                    same = operands[0].IsNull && operands[1].IsNull;
                }
                else
                {
                    var order = Compare(operands[0], operands[1]);
                    if (order is null)
                    {
                        return Optional.None;
                    }

                    same = order == 0;
                }

                return Optional.Of(function.Name == "IS DISTINCT FROM" ? !same : same);
            }

            case "AND":
                return ThreeValued(operands[0].Value as bool?, operands[1].Value as bool?, and: true);
            case "OR":
                return ThreeValued(operands[0].Value as bool?, operands[1].Value as bool?, and: false);
            case "NOT":
                return operands[0].Value is bool b ? Optional.Of(!b) : Optional.Of(null);
            case "IS NULL":
                return Optional.Of(operands[0].IsNull);
            case "IS NOT NULL":
                return Optional.Of(!operands[0].IsNull);
            case "IS TRUE":
                return Optional.Of(operands[0].Value is true);
            case "IS NOT TRUE":
                return Optional.Of(operands[0].Value is not true);
            case "IS FALSE":
                return Optional.Of(operands[0].Value is false);
            case "IS NOT FALSE":
                return Optional.Of(operands[0].Value is not false);
            case "||" when operands[0].Value is string left && operands[1].Value is string right && TypeRules.IsCharacter(type):
                return Optional.Of(left + right);
            // Only ASCII text: other letters follow Java's full case mappings (ß to SS), which the runtime kernel owns.
            case "UPPER" when operands[0].Value is string text && System.Text.Ascii.IsValid(text):
                return Optional.Of(text.ToUpperInvariant());
            case "LOWER" when operands[0].Value is string text && System.Text.Ascii.IsValid(text):
                return Optional.Of(text.ToLowerInvariant());
            default:
                return Optional.None;
        }
    }

    private static Optional ThreeValued(bool? left, bool? right, bool and)
    {
        if (and)
        {
            if (left == false || right == false)
            {
                return Optional.Of(false);
            }

            return left == true && right == true ? Optional.Of(true) : Optional.Of(null);
        }

        if (left == true || right == true)
        {
            return Optional.Of(true);
        }

        return left == false && right == false ? Optional.Of(false) : Optional.Of(null);
    }

    private static Optional Arithmetic(string op, BoundLiteral left, BoundLiteral right, DataType type)
    {
        try
        {
            if (TypeRules.IsInteger(type))
            {
                if (!IsInteger(left.Value) || !IsInteger(right.Value))
                {
                    return Optional.None;
                }

                var a = Convert.ToInt64(left.Value, CultureInfo.InvariantCulture);
                var b = Convert.ToInt64(right.Value, CultureInfo.InvariantCulture);
                if (op is "/" or "%" && b == 0)
                {
                    return Optional.None;
                }

                var result = op switch
                {
                    "+" => checked(a + b),
                    "-" => checked(a - b),
                    "*" => checked(a * b),
                    "/" => checked(a / b),
                    _ => a % b,
                };
                return ToNumber(result, type);
            }

            if (type.TypeId == TypeId.Decimal)
            {
                if (!IsExact(left.Value) || !IsExact(right.Value))
                {
                    return Optional.None;
                }

                var a = Convert.ToDecimal(left.Value, CultureInfo.InvariantCulture);
                var b = Convert.ToDecimal(right.Value, CultureInfo.InvariantCulture);
                if (op is "/" or "%" && b == 0)
                {
                    return Optional.None;
                }

                var result = op switch
                {
                    "+" => a + b,
                    "-" => a - b,
                    "*" => a * b,
                    "/" => a / b,
                    _ => a % b,
                };
                return ToNumber(result, type);
            }

            if (TypeRules.IsApproximate(type) && IsNumber(left.Value) && IsNumber(right.Value))
            {
                var a = Convert.ToDouble(left.Value, CultureInfo.InvariantCulture);
                var b = Convert.ToDouble(right.Value, CultureInfo.InvariantCulture);
                var result = op switch
                {
                    "+" => a + b,
                    "-" => a - b,
                    "*" => a * b,
                    "/" => a / b,
                    _ => a % b,
                };
                return ToNumber(result, type);
            }
        }
        catch (OverflowException)
        {
            return Optional.None;
        }

        return Optional.None;
    }

    /// <summary>The order of two literals, or null when they cannot be compared here.</summary>
    private static int? Compare(BoundLiteral left, BoundLiteral right)
    {
        var a = left.Value;
        var b = right.Value;
        if (IsExact(a) && IsExact(b))
        {
            return Convert.ToDecimal(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(b, CultureInfo.InvariantCulture));
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture));
        }

        if (a is string x && b is string y)
        {
            // CHAR values of different lengths compare with padding; leave those to run time.
            if ((left.Type.TypeId == TypeId.Char || right.Type.TypeId == TypeId.Char) && x.Length != y.Length)
            {
                return null;
            }

            return Math.Sign(string.CompareOrdinal(x, y));
        }

        if (a is not null && b is not null && a.GetType() == b.GetType() && a is IComparable comparable)
        {
            return Math.Sign(comparable.CompareTo(b));
        }

        return null;
    }

    /// <summary>A literal cast to <paramref name="type"/>, or null when the cast is left for run time.</summary>
    private static BoundLiteral? CastLiteral(BoundLiteral literal, DataType type)
    {
        if (literal.IsNull)
        {
            return type.IsNullable ? new BoundLiteral(null, type) : null;
        }

        var value = literal.Value;
        if (TypeRules.IsNumeric(literal.Type) && TypeRules.IsNumeric(type))
        {
            try
            {
                object? number = TypeRules.IsInteger(type)
                    ? value switch
                    {
                        double or float => Math.Truncate(Convert.ToDouble(value, CultureInfo.InvariantCulture)) is var d
                            && d >= long.MinValue && d <= long.MaxValue ? (long)d : null,
                        decimal m => (long)decimal.Truncate(m),
                        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                    }
                    : value;
                if (number is null)
                {
                    return null;
                }

                var converted = ToNumber(number, type);
                return converted.HasValue ? new BoundLiteral(converted.Value, type) : null;
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        if (value is string text && TypeRules.IsCharacter(type))
        {
            var fits = type.TypeId == TypeId.VarChar ? text.Length <= type.Length : text.Length == type.Length;
            return fits ? new BoundLiteral(text, type) : null;
        }

        if (value is bool && type.TypeId == TypeId.Boolean)
        {
            return new BoundLiteral(value, type);
        }

        return null;
    }

    /// <summary>A number in the representation of <paramref name="type"/>, or no value when it does not fit.</summary>
    private static Optional ToNumber(object number, DataType type)
    {
        switch (type.TypeId)
        {
            case TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt:
            {
                if (!IsInteger(number))
                {
                    return Optional.None;
                }

                var value = Convert.ToInt64(number, CultureInfo.InvariantCulture);
                return type.TypeId switch
                {
                    TypeId.TinyInt when value is >= sbyte.MinValue and <= sbyte.MaxValue => Optional.Of((sbyte)value),
                    TypeId.SmallInt when value is >= short.MinValue and <= short.MaxValue => Optional.Of((short)value),
                    TypeId.Int when value is >= int.MinValue and <= int.MaxValue => Optional.Of((int)value),
                    TypeId.BigInt => Optional.Of(value),
                    _ => Optional.None,
                };
            }

            case TypeId.Decimal:
            {
                if (!IsExact(number))
                {
                    return Optional.None;
                }

                var value = decimal.Round(Convert.ToDecimal(number, CultureInfo.InvariantCulture), type.Scale, MidpointRounding.AwayFromZero);
                var integerDigits = decimal.Truncate(decimal.Abs(value)).ToString(CultureInfo.InvariantCulture).TrimStart('0').Length;
                if (integerDigits > type.Precision - type.Scale)
                {
                    return Optional.None;
                }

                // Give the value exactly the type's scale, so that it prints as the type would.
                var scaled = decimal.Parse(value.ToString("F" + type.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                    CultureInfo.InvariantCulture);
                return Optional.Of(scaled);
            }

            case TypeId.Double:
            {
                var value = Convert.ToDouble(number, CultureInfo.InvariantCulture);
                return double.IsFinite(value) ? Optional.Of(value) : Optional.None;
            }

            case TypeId.Float:
            {
                var value = (float)Convert.ToDouble(number, CultureInfo.InvariantCulture);
                return float.IsFinite(value) ? Optional.Of(value) : Optional.None;
            }

            default:
                return Optional.None;
        }
    }

    private static bool IsInteger(object? value) => value is sbyte or short or int or long;

    private static bool IsExact(object? value) => IsInteger(value) || value is decimal;

    private static bool IsNumber(object? value) => IsExact(value) || value is double or float;

    /// <summary>A folded value (which may be null, for SQL <c>NULL</c>), or no value when folding is not possible.</summary>
    private readonly record struct Optional(bool HasValue, object? Value)
    {
        public static Optional None => default;

        public static Optional Of(object? value) => new(true, value);
    }
}
