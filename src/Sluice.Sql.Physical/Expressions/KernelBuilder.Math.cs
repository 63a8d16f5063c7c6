using Sluice.Core.Types;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Numeric functions.</summary>
internal sealed partial class KernelBuilder
{
    private Kernel? TryBuildMath(BoundCall call)
    {
        var name = call.Function.Name;
        var type = call.Type;
        var n = call.Operands.Count;
        switch (name)
        {
            case "ABS" or "SIGN":
            {
                var operand = Cast(Build(call.Operands[0]), type);
                var function = name == "ABS" ? DecimalUnary.Abs : DecimalUnary.Sign;
                return NumericUnary(operand, function, type);
            }

            case "MOD":
                return Arithmetic(call, Build(call.Operands[0]), Build(call.Operands[1]), ArithmeticOperator.Modulo);
            case "FLOOR" or "CEIL" or "CEILING":
            {
                var ceil = name != "FLOOR";
                if (n == 2 && Symbol(call, 1) is { } unit)
                {
                    return FloorCeilTemporal(call, unit, ceil);
                }

                var operand = Build(call.Operands[0]);
                if (IsDecimal(operand.Type))
                {
                    return new DecimalUnaryKernel(operand, ceil ? DecimalUnary.Ceil : DecimalUnary.Floor, type);
                }

                return NumericUnary(Cast(operand, type), ceil ? DecimalUnary.Ceil : DecimalUnary.Floor, type);
            }

            case "ROUND" or "TRUNCATE":
            {
                var operand = Build(call.Operands[0]);
                var digits = n > 1 ? Cast(Build(call.Operands[1]), DataTypes.Int().WithNullability(call.Operands[1].Type.IsNullable)) : new LiteralKernel(0, DataTypes.Int().NotNull());
                if (!IsDecimal(operand.Type))
                {
                    operand = Cast(operand, type);
                }

                return new RoundKernel(operand, digits, truncate: name == "TRUNCATE", type);
            }

            case "POWER" or "LOG" or "ATAN2" when n == 2:
                return new MathKernel([Double(call, 0), Double(call, 1)],
                    name switch { "POWER" => MathFunction.Power, "ATAN2" => MathFunction.Atan2, _ => MathFunction.Log }, type);
            case "SQRT" or "EXP" or "LN" or "LOG" or "LOG10" or "LOG2" or "SIN" or "COS" or "TAN" or "COT" or "ASIN" or "ACOS" or "ATAN"
                or "SINH" or "COSH" or "TANH" or "DEGREES" or "RADIANS":
                var unary = name switch
                {
                    "SQRT" => MathFunction.Sqrt,
                    "EXP" => MathFunction.Exp,
                    "LN" or "LOG" => MathFunction.Ln,
                    "LOG10" => MathFunction.Log10,
                    "LOG2" => MathFunction.Log2,
                    "SIN" => MathFunction.Sin,
                    "COS" => MathFunction.Cos,
                    "TAN" => MathFunction.Tan,
                    "COT" => MathFunction.Cot,
                    "SINH" => MathFunction.Sinh,
                    "COSH" => MathFunction.Cosh,
                    "TANH" => MathFunction.Tanh,
                    "ASIN" => MathFunction.Asin,
                    "ACOS" => MathFunction.Acos,
                    "ATAN" => MathFunction.Atan,
                    "DEGREES" => MathFunction.Degrees,
                    _ => MathFunction.Radians,
                };
                return new MathKernel([Double(call, 0)], unary, type);
            case "PI":
                return new LiteralKernel(Math.PI, type);
            case "E":
                return new LiteralKernel(Math.E, type);
            case "RAND":
                return Random(call, n == 1 ? call.Operands[0] : null, null, uuid: false);
            case "RAND_INTEGER":
                return Random(call, n == 2 ? call.Operands[0] : null, call.Operands[n - 1], uuid: false);
            case "UUID":
                return Random(call, null, null, uuid: true);
            default:
                return null;
        }
    }

    private Kernel Double(BoundCall call, int index) =>
        Cast(Build(call.Operands[index]), DataTypes.Double().WithNullability(call.Operands[index].Type.IsNullable));

    private static Kernel NumericUnary(Kernel operand, DecimalUnary function, DataType type) => type.PhysicalType switch
    {
        PhysicalType.Decimal64 or PhysicalType.Decimal128 => new DecimalUnaryKernel(operand, function, type),
        PhysicalType.Int8 => new NumericUnaryKernel<sbyte>(operand, function, type),
        PhysicalType.Int16 => new NumericUnaryKernel<short>(operand, function, type),
        PhysicalType.Int32 => new NumericUnaryKernel<int>(operand, function, type),
        PhysicalType.Int64 => new NumericUnaryKernel<long>(operand, function, type),
        PhysicalType.Float32 => new NumericUnaryKernel<float>(operand, function, type),
        _ => new NumericUnaryKernel<double>(operand, function, type),
    };

    private Kernel Random(BoundCall call, BoundExpression? seed, BoundExpression? bound, bool uuid)
    {
        var site = _randomSites++;
        Kernel? seedKernel = null;
        JavaRandom generator;
        if (seed is not null)
        {
            seedKernel = Cast(Build(seed), DataTypes.BigInt().WithNullability(seed.Type.IsNullable));
            generator = new JavaRandom(TryLiteral(seed, out var value) && value is not null
                ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                : 0);
            if (seedKernel is not LiteralKernel)
            {
                seedKernel = TryLiteral(seed, out var literal) ? new LiteralKernel(literal is null ? null : Convert.ToInt64(literal,
                    System.Globalization.CultureInfo.InvariantCulture), DataTypes.BigInt().WithNullability(literal is null)) : seedKernel;
            }
        }
        else
        {
            generator = new JavaRandom(_environment.RandomSeed is { } fixedSeed
                ? unchecked(fixedSeed ^ (site * (long)0x9E3779B97F4A7C15UL))
                : System.Random.Shared.NextInt64());
        }

        var boundKernel = bound is null ? null : Cast(Build(bound), DataTypes.Int().WithNullability(bound.Type.IsNullable));
        return new RandomKernel(seedKernel, boundKernel, uuid, generator, call.Type);
    }
}
