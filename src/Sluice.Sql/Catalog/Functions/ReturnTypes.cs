using Sluice.Core.Types;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Reusable result-type inferences and operand coercions for function definitions.</summary>
public static class ReturnTypes
{
    /// <summary>Always <paramref name="type"/>, nullability included.</summary>
    public static ReturnTypeInference Explicit(DataType type) => _ => type;

    /// <summary><paramref name="type"/>, nullable when any operand is nullable (the usual rule for scalar functions).</summary>
    public static ReturnTypeInference NullableIfAny(DataType type) => call => type.WithNullability(call.AnyOperandNullable);

    /// <summary><paramref name="type"/>, always nullable (for functions that return null on bad input).</summary>
    public static ReturnTypeInference ForceNullable(DataType type) => _ => type.Nullable();

    /// <summary>The type of operand <paramref name="index"/>, nullable when any operand is nullable.</summary>
    public static ReturnTypeInference ArgNullableIfAny(int index) =>
        call => call.OperandType(index).WithNullability(call.AnyOperandNullable || call.OperandType(index).IsNullable);

    /// <summary>The type of operand <paramref name="index"/>, always nullable.</summary>
    public static ReturnTypeInference ArgForceNullable(int index) => call => call.OperandType(index).Nullable();

    /// <summary>The type of operand <paramref name="index"/>, nullable when the aggregate may see no rows (<see cref="CallContext.MayBeEmpty"/>).</summary>
    public static ReturnTypeInference ArgNullableIfEmpty(int index) =>
        call => call.OperandType(index).WithNullability(call.OperandType(index).IsNullable || call.MayBeEmpty);

    /// <summary>
    /// The least restrictive type of the operands from <paramref name="start"/> on; an error when they have none.
    /// </summary>
    public static ReturnTypeInference LeastRestrictive(int start = 0) => call =>
    {
        var types = call.OperandTypes.Skip(start).ToList();
        return TypeRules.LeastRestrictive(types)
            ?? throw call.Error($"The operands of {call.Function.Name} have no common type: {string.Join(", ", types)}");
    };

    /// <summary>Casts the operands from <paramref name="start"/> on to the result type (keeping their own nullability).</summary>
    public static OperandCoercion ToReturnType(int start = 0) => (call, returnType) =>
    {
        var targets = new DataType?[call.OperandCount];
        for (var i = start; i < targets.Length; i++)
        {
            targets[i] = returnType.WithNullability(call.OperandType(i).IsNullable);
        }

        return targets;
    };

    /// <summary>
    /// The result of <c>ROUND</c>-like functions: the operand type, except that a <c>DECIMAL(p, s)</c> rounded to
    /// <c>r &lt; s</c> digits becomes <c>DECIMAL(p - s + r + 1, r)</c> (the extra digit holds a carry), as in Flink.
    /// The digits come from a literal second operand (0 when there is none).
    /// </summary>
    public static ReturnTypeInference Round => call =>
    {
        var type = call.OperandType(0);
        var nullable = call.AnyOperandNullable;
        if (type.TypeId != TypeId.Decimal)
        {
            return type.WithNullability(nullable);
        }

        var digits = 0;
        if (call.OperandCount > 1 && call.TryGetLiteral(1, out var value) && value is not null)
        {
            digits = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        DataType result;
        if (digits >= type.Scale)
        {
            result = type;
        }
        else if (digits < 0)
        {
            result = DataTypes.Decimal(Math.Min(DataTypes.MaxDecimalPrecision, 1 + type.Precision - type.Scale), 0);
        }
        else
        {
            result = DataTypes.Decimal(Math.Min(DataTypes.MaxDecimalPrecision, 1 + type.Precision - type.Scale + digits), digits);
        }

        return result.WithNullability(nullable);
    };

    /// <summary><c>FLOOR</c> and <c>CEIL</c>: a decimal loses its scale (one more integer digit for the carry); other types keep theirs.</summary>
    public static ReturnTypeInference FloorCeil => call =>
    {
        var type = call.OperandType(0);
        if (type.TypeId == TypeId.Decimal && type.Scale > 0)
        {
            return DataTypes.Decimal(Math.Min(DataTypes.MaxDecimalPrecision, type.Precision - type.Scale + 1), 0)
                .WithNullability(call.AnyOperandNullable);
        }

        return type.WithNullability(call.AnyOperandNullable);
    };

    /// <summary>A character string the length of operand 0 but varying (<c>SUBSTRING</c>, <c>TRIM</c>): <c>CHAR(n)</c> becomes <c>VARCHAR(n)</c>.</summary>
    public static ReturnTypeInference VaryingOf(int index) => call =>
    {
        var type = call.OperandType(index);
        var result = TypeRules.IsCharacter(type) ? DataTypes.VarChar(type.Length) : DataTypes.String();
        return result.WithNullability(call.AnyOperandNullable);
    };
}
