using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Arithmetic (numbers, decimals, date-times and intervals), comparisons, logic and concatenation.</summary>
internal sealed partial class KernelBuilder
{
    private TimeZoneRules? _zone;

    /// <summary>The session time zone's rules.</summary>
    private TimeZoneRules Zone => _zone ??= new TimeZoneRules(_environment.SessionTimeZone);

    private Kernel BuildArithmetic(BoundCall call)
    {
        var op = call.Function.Name switch
        {
            "+" => ArithmeticOperator.Add,
            "-" => ArithmeticOperator.Subtract,
            "*" => ArithmeticOperator.Multiply,
            "/" => ArithmeticOperator.Divide,
            _ => ArithmeticOperator.Modulo,
        };
        if (op == ArithmeticOperator.Subtract && CharacterCount(call) is { } count)
        {
            return count;
        }

        var left = Build(call.Operands[0]);
        var right = Build(call.Operands[1]);
        return Arithmetic(call, left, right, op);
    }

    /// <summary>
    /// <c>CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, c, ''))</c> with one ASCII character <c>c</c> as one
    /// <see cref="CharCountKernel"/>, or null for any other subtraction.
    /// </summary>
    private CharCountKernel? CharacterCount(BoundCall call)
    {
        if (call.Type.TypeId != TypeId.Int
            || call.Operands[0] is not BoundCall { Function.Name: "CHAR_LENGTH" or "CHARACTER_LENGTH", Operands: [var text] } whole
            || call.Operands[1] is not BoundCall { Function.Name: "CHAR_LENGTH" or "CHARACTER_LENGTH", Operands: [BoundCall { Function.Name: "REPLACE", Operands: [var replaced, var search, var replacement] }] } rest
            || whole.Type.TypeId != TypeId.Int || rest.Type.TypeId != TypeId.Int
            || text != replaced
            || !TryLiteral(search, out var searchValue) || searchValue is not string { Length: 1 } character || !char.IsAscii(character[0])
            || !TryLiteral(replacement, out var replacementValue) || replacementValue is not string { Length: 0 })
        {
            return null;
        }

        return new CharCountKernel(Text(whole, 0), (byte)character[0], call.Type);
    }

    private Kernel Arithmetic(BoundCall call, Kernel left, Kernel right, ArithmeticOperator op)
    {
        var type = call.Type;
        var a = left.Type.TypeId == TypeId.Null ? right.Type : left.Type;
        var b = right.Type.TypeId == TypeId.Null ? left.Type : right.Type;
        if (IsNumeric(type) && (IsNumeric(a) || a.TypeId == TypeId.Null) && (IsNumeric(b) || b.TypeId == TypeId.Null))
        {
            return NumericArithmetic(left, right, op, type);
        }

        if (TypeRules.IsDatetime(type))
        {
            var (datetime, interval) = TypeRules.IsDatetime(a) ? (left, right) : (right, left);
            if (!TypeRules.IsInterval(interval.Type))
            {
                throw NotSupported(call);
            }

            var months = interval.Type.TypeId == TypeId.IntervalYearMonth;
            return new DatetimeShiftKernel(Cast(datetime, type), interval, months, op == ArithmeticOperator.Subtract ? -1 : 1, Zone, type);
        }

        if (TypeRules.IsInterval(type))
        {
            if (op is ArithmeticOperator.Add or ArithmeticOperator.Subtract)
            {
                var physical = type.TypeId == TypeId.IntervalYearMonth;
                left = Cast(left, type);
                right = Cast(right, type);
                return physical
                    ? new ArithmeticKernel<int>(left, right, op, type)
                    : new ArithmeticKernel<long>(left, right, op, type);
            }

            var (intervalSide, number) = TypeRules.IsInterval(a) ? (left, right) : (right, left);
            return new IntervalScaleKernel(intervalSide, Cast(number, DataTypes.Double().WithNullability(number.Type.IsNullable)),
                op == ArithmeticOperator.Divide, type);
        }

        throw NotSupported(call);
    }

    private Kernel NumericArithmetic(Kernel left, Kernel right, ArithmeticOperator op, DataType type)
    {
        if (IsDecimal(type))
        {
            return new DecimalArithmeticKernel(AsExactDecimal(left), AsExactDecimal(right), op, type);
        }

        if (op == ArithmeticOperator.Modulo && IsInteger(type))
        {
            // The remainder has the right operand's type; compute it in the wider operand type first.
            var wide = TypeRules.NumericRank(left.Type) > TypeRules.NumericRank(type) ? left.Type.WithNullability(type.IsNullable) : type;
            if (!wide.EqualsIgnoringNullability(type))
            {
                return Cast(IntegerArithmetic(Cast(left, wide), Cast(right, wide), op, wide), type);
            }
        }

        return IntegerArithmetic(Cast(left, type), Cast(right, type), op, type);
    }

    private static Kernel IntegerArithmetic(Kernel left, Kernel right, ArithmeticOperator op, DataType type) => type.PhysicalType switch
    {
        PhysicalType.Int8 => new ArithmeticKernel<sbyte>(left, right, op, type),
        PhysicalType.Int16 => new ArithmeticKernel<short>(left, right, op, type),
        PhysicalType.Int32 => new ArithmeticKernel<int>(left, right, op, type),
        PhysicalType.Int64 => new ArithmeticKernel<long>(left, right, op, type),
        PhysicalType.Float32 => new ArithmeticKernel<float>(left, right, op, type),
        _ => new ArithmeticKernel<double>(left, right, op, type),
    };

    /// <summary>An exact numeric operand as a decimal of its own precision (integers exactly, decimals unchanged).</summary>
    private Kernel AsExactDecimal(Kernel kernel)
    {
        if (IsDecimal(kernel.Type))
        {
            return kernel;
        }

        if (kernel.Type.TypeId == TypeId.Null)
        {
            return new LiteralKernel(null, DataTypes.Decimal(10, 0).Nullable());
        }

        return Cast(kernel, TypeRules.AsDecimal(kernel.Type));
    }

    private Kernel BuildNegate(BoundCall call)
    {
        var operand = Build(call.Operands[0]);
        var type = call.Type;
        if (IsDecimal(type))
        {
            return new DecimalUnaryKernel(operand, DecimalUnary.Negate, type);
        }

        var zero = type.PhysicalType switch
        {
            PhysicalType.Int8 => (object)(sbyte)0,
            PhysicalType.Int16 => (short)0,
            PhysicalType.Int32 => 0,
            PhysicalType.Int64 => 0L,
            PhysicalType.Float32 => 0f,
            _ => type.TypeId == TypeId.IntervalDayTime ? 0L : (object)0d,
        };
        if (type.TypeId == TypeId.IntervalYearMonth)
        {
            zero = 0;
        }

        var zeroKernel = new LiteralKernel(zero, type.NotNull());
        return TypeRules.IsInterval(type)
            ? (type.TypeId == TypeId.IntervalYearMonth
                ? new ArithmeticKernel<int>(zeroKernel, operand, ArithmeticOperator.Subtract, type)
                : new ArithmeticKernel<long>(zeroKernel, operand, ArithmeticOperator.Subtract, type))
            : IntegerArithmetic(zeroKernel, Cast(operand, type), ArithmeticOperator.Subtract, type);
    }

    private Kernel BuildComparison(BoundCall call)
    {
        var op = call.Function.Name switch
        {
            "=" => ComparisonOperator.Equal,
            "<>" => ComparisonOperator.NotEqual,
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            _ => ComparisonOperator.GreaterOrEqual,
        };
        return Comparison(Build(call.Operands[0]), Build(call.Operands[1]), op, call.Type)
            ?? throw NotSupported(call);
    }

    /// <summary>A comparison of two kernels, bringing them to their comparison type first; null when they cannot be compared.</summary>
    private Kernel? Comparison(Kernel left, Kernel right, ComparisonOperator op, DataType type)
    {
        var a = left.Type;
        var b = right.Type;
        if (a.TypeId == TypeId.Null || b.TypeId == TypeId.Null)
        {
            return new LiteralKernel(null, type.Nullable());
        }

        if (TypeRules.IsExactNumeric(a) && TypeRules.IsExactNumeric(b) && (IsDecimal(a) || IsDecimal(b)))
        {
            return new DecimalComparisonKernel(AsExactDecimal(left), AsExactDecimal(right), op, type);
        }

        if (!a.EqualsIgnoringNullability(b))
        {
            var common = TypeRules.ComparisonType(a, b);
            if (common is null)
            {
                return null;
            }

            left = Cast(left, common.WithNullability(a.IsNullable));
            right = Cast(right, common.WithNullability(b.IsNullable));
            a = left.Type;
            b = right.Type;
        }

        if (a.TypeId == TypeId.Boolean)
        {
            return new BooleanComparisonKernel(left, right, op, type);
        }

        if (a.PhysicalType is PhysicalType.Utf8 or PhysicalType.Binary)
        {
            return new BytesComparisonKernel(left, right, op, type);
        }

        if (a.IsNested)
        {
            return op is ComparisonOperator.Equal or ComparisonOperator.NotEqual
                ? new EqualityKernel(left, right, op == ComparisonOperator.NotEqual, nullSafe: false, type)
                : null;
        }

        return a.PhysicalType switch
        {
            PhysicalType.Int8 => new ComparisonKernel<sbyte>(left, right, op, type),
            PhysicalType.Int16 => new ComparisonKernel<short>(left, right, op, type),
            PhysicalType.Int32 => new ComparisonKernel<int>(left, right, op, type),
            PhysicalType.Int64 or PhysicalType.Decimal64 => new ComparisonKernel<long>(left, right, op, type),
            PhysicalType.Float32 => new ComparisonKernel<float>(left, right, op, type),
            PhysicalType.Float64 => new ComparisonKernel<double>(left, right, op, type),
            PhysicalType.Decimal128 => new ComparisonKernel<Int128>(left, right, op, type),
            _ => null,
        };
    }

    private Kernel BuildDistinct(BoundCall call)
    {
        var left = Build(call.Operands[0]);
        var right = Build(call.Operands[1]);
        var notDistinct = call.Function.Name == "IS NOT DISTINCT FROM";
        if (!left.Type.EqualsIgnoringNullability(right.Type) && left.Type.TypeId != TypeId.Null && right.Type.TypeId != TypeId.Null)
        {
            var common = TypeRules.ComparisonType(left.Type, right.Type) ?? throw NotSupported(call);
            left = Cast(left, common.WithNullability(left.Type.IsNullable));
            right = Cast(right, common.WithNullability(right.Type.IsNullable));
        }
        else if (left.Type.TypeId == TypeId.Null || right.Type.TypeId == TypeId.Null)
        {
            var known = left.Type.TypeId == TypeId.Null ? right.Type : left.Type;
            if (known.TypeId == TypeId.Null)
            {
                return new LiteralKernel(notDistinct, call.Type.NotNull());
            }

            left = Cast(left, known.Nullable());
            right = Cast(right, known.Nullable());
        }

        return new EqualityKernel(left, right, negated: !notDistinct, nullSafe: true, call.Type);
    }

    private Kernel BuildLogical(BoundCall call)
    {
        var isAnd = call.Function.Name == "AND";
        var result = Cast(Build(call.Operands[0]), DataTypes.Boolean());
        for (var i = 1; i < call.Operands.Count; i++)
        {
            result = new LogicalKernel(result, Cast(Build(call.Operands[i]), DataTypes.Boolean()), isAnd, call.Type);
        }

        return result;
    }

    private Kernel BuildBooleanTest(BoundCall call)
    {
        var name = call.Function.Name;
        var operand = Cast(Build(call.Operands[0]), DataTypes.Boolean());
        return new BooleanTestKernel(operand, testTrue: name.EndsWith("TRUE", StringComparison.Ordinal), negated: name.Contains("NOT", StringComparison.Ordinal),
            call.Type);
    }

    private Kernel BuildConcat(BoundCall call)
    {
        var type = call.Type;
        var target = TypeRules.IsBinary(type) ? DataTypes.Bytes() : DataTypes.String();
        var operands = call.Operands.Select(o => Cast(Build(o), target.WithNullability(o.Type.IsNullable))).ToArray();
        return new ConcatKernel(operands, type);
    }
}
