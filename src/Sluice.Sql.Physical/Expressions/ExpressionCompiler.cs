using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Compiles bound expressions once per plan into trees of column kernels: each node computes a whole column with
/// loops over the spans of its children's vectors, so evaluation never walks the expression tree per row.
/// </summary>
/// <remarks>
/// Supported: input references; literals; <c>+ - * / %</c> and unary minus on TINYINT..BIGINT, FLOAT, DOUBLE;
/// comparisons on numbers, booleans, strings (ordinal UTF-8 bytes), binaries and same-typed temporal or decimal
/// values; <c>AND</c>, <c>OR</c>, <c>NOT</c> (three-valued); <c>IS [NOT] NULL</c>; <c>CASE</c>; <c>COALESCE</c>;
/// <c>CAST</c>/<c>TRY_CAST</c> among the integer and floating types and strings; <c>UPPER</c>, <c>LOWER</c>,
/// <c>CHAR_LENGTH</c>, <c>CONCAT</c>, <c>||</c>. Anything else is rejected at compile time with a
/// <see cref="SluiceException"/> in <see cref="ErrorDomain.User"/>.
/// </remarks>
public static class ExpressionCompiler
{
    /// <summary>Compiles <paramref name="expression"/> over rows of <paramref name="inputSchema"/>.</summary>
    /// <exception cref="SluiceException">The expression uses something not supported in execution yet.</exception>
    public static CompiledExpression Compile(BoundExpression expression, Schema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new CompiledExpression(Build(expression, inputSchema));
    }

    /// <summary>Compiles a <c>BOOLEAN</c> <paramref name="expression"/> as a filter.</summary>
    /// <exception cref="SluiceException">The expression is not boolean or is not supported in execution yet.</exception>
    public static CompiledPredicate CompilePredicate(BoundExpression expression, Schema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Type.TypeId != TypeId.Boolean)
        {
            throw new SluiceException($"A filter must be BOOLEAN, not {expression.Type}.", ErrorDomain.User);
        }

        return new CompiledPredicate(Compile(expression, inputSchema));
    }

    private static Kernel Build(BoundExpression expression, Schema schema)
    {
        switch (expression)
        {
            case BoundInputRef input:
                if ((uint)input.Index >= (uint)schema.Count)
                {
                    throw new SluiceException($"Input column ${input.Index} is outside the input row of {schema.Count} columns.");
                }

                return new InputRefKernel(input.Index, schema[input.Index].DataType);
            case BoundLiteral literal:
                return new LiteralKernel(literal.Value, literal.Type);
            case BoundCast cast:
                return CastTo(Build(cast.Operand, schema), cast.Type, cast.IsTry);
            case BoundCase @case:
                return new CaseKernel(
                    @case.Conditions.Select(c => Build(c, schema)).ToArray(),
                    @case.Results.Select(r => CastTo(Build(r, schema), @case.Type)).ToArray(),
                    CastTo(Build(@case.Else, schema), @case.Type),
                    @case.Type);
            case BoundCall call:
                return BuildCall(call, schema);
            default:
                throw new SluiceException($"Expression {expression} is not supported in execution yet.", ErrorDomain.User);
        }
    }

    private static Kernel BuildCall(BoundCall call, Schema schema)
    {
        var f = call.Function;
        var operands = call.Operands.Select(o => Build(o, schema)).ToArray();
        var type = call.Type;
        if (operands.Length == 2)
        {
            ArithmeticOperator? arithmetic =
                ReferenceEquals(f, BuiltInFunctions.Plus) ? ArithmeticOperator.Add
                : ReferenceEquals(f, BuiltInFunctions.Minus) ? ArithmeticOperator.Subtract
                : ReferenceEquals(f, BuiltInFunctions.Multiply) ? ArithmeticOperator.Multiply
                : ReferenceEquals(f, BuiltInFunctions.Divide) ? ArithmeticOperator.Divide
                : ReferenceEquals(f, BuiltInFunctions.Modulo) ? ArithmeticOperator.Modulo
                : null;
            if (arithmetic is { } op)
            {
                return Arithmetic(call, operands[0], operands[1], op);
            }

            ComparisonOperator? comparison =
                ReferenceEquals(f, BuiltInFunctions.EqualTo) ? ComparisonOperator.Equal
                : ReferenceEquals(f, BuiltInFunctions.NotEqualTo) ? ComparisonOperator.NotEqual
                : ReferenceEquals(f, BuiltInFunctions.LessThan) ? ComparisonOperator.Less
                : ReferenceEquals(f, BuiltInFunctions.LessThanOrEqual) ? ComparisonOperator.LessOrEqual
                : ReferenceEquals(f, BuiltInFunctions.GreaterThan) ? ComparisonOperator.Greater
                : ReferenceEquals(f, BuiltInFunctions.GreaterThanOrEqual) ? ComparisonOperator.GreaterOrEqual
                : null;
            if (comparison is { } cmp)
            {
                return Comparison(call, operands[0], operands[1], cmp);
            }
        }

        if ((ReferenceEquals(f, BuiltInFunctions.And) || ReferenceEquals(f, BuiltInFunctions.Or)) && operands.Length >= 2)
        {
            var isAnd = ReferenceEquals(f, BuiltInFunctions.And);
            var result = operands[0];
            for (var i = 1; i < operands.Length; i++)
            {
                result = new LogicalKernel(result, operands[i], isAnd, type);
            }

            return result;
        }

        if (ReferenceEquals(f, BuiltInFunctions.Not) && operands.Length == 1)
        {
            return new NotKernel(operands[0], type);
        }

        if (ReferenceEquals(f, BuiltInFunctions.IsNull) || ReferenceEquals(f, BuiltInFunctions.IsNotNull))
        {
            return new NullTestKernel(operands[0], ReferenceEquals(f, BuiltInFunctions.IsNotNull), type);
        }

        if (ReferenceEquals(f, BuiltInFunctions.Negate) && operands.Length == 1 && IsNumeric(type) && !IsDecimal(type))
        {
            var zero = new LiteralKernel(Convert.ChangeType(0, ClrTypeOf(type), System.Globalization.CultureInfo.InvariantCulture), type.NotNull());
            return Arithmetic(call, zero, operands[0], ArithmeticOperator.Subtract);
        }

        if (ReferenceEquals(f, BuiltInFunctions.Coalesce) && operands.Length >= 1)
        {
            return new CoalesceKernel(operands.Select(o => CastTo(o, type)).ToArray(), type);
        }

        if (ReferenceEquals(f, BuiltInFunctions.Concat) || f.Name == "CONCAT")
        {
            if (operands.All(o => o.Type.PhysicalType == PhysicalType.Utf8))
            {
                return new ConcatKernel(operands, type);
            }
        }
        else if ((ReferenceEquals(f, BuiltInFunctions.Upper) || ReferenceEquals(f, BuiltInFunctions.Lower))
                 && operands.Length == 1 && operands[0].Type.PhysicalType == PhysicalType.Utf8)
        {
            return new StringCaseKernel(operands[0], ReferenceEquals(f, BuiltInFunctions.Upper), type);
        }
        else if (f.Name is "CHAR_LENGTH" or "CHARACTER_LENGTH" && operands.Length == 1
                 && operands[0].Type.PhysicalType == PhysicalType.Utf8 && type.PhysicalType == PhysicalType.Int32)
        {
            return new CharLengthKernel(operands[0], type);
        }

        throw NotSupported(call);
    }

    private static Kernel Arithmetic(BoundCall call, Kernel left, Kernel right, ArithmeticOperator op)
    {
        var type = call.Type;
        if (!IsNumeric(type) || IsDecimal(type) || !IsNumeric(left.Type) || !IsNumeric(right.Type)
            || IsDecimal(left.Type) || IsDecimal(right.Type))
        {
            throw NotSupported(call);
        }

        left = CastTo(left, type);
        right = CastTo(right, type);
        return type.PhysicalType switch
        {
            PhysicalType.Int8 => new ArithmeticKernel<sbyte>(left, right, op, type),
            PhysicalType.Int16 => new ArithmeticKernel<short>(left, right, op, type),
            PhysicalType.Int32 => new ArithmeticKernel<int>(left, right, op, type),
            PhysicalType.Int64 => new ArithmeticKernel<long>(left, right, op, type),
            PhysicalType.Float32 => new ArithmeticKernel<float>(left, right, op, type),
            _ => new ArithmeticKernel<double>(left, right, op, type),
        };
    }

    private static Kernel Comparison(BoundCall call, Kernel left, Kernel right, ComparisonOperator op)
    {
        var type = call.Type;
        var a = left.Type;
        var b = right.Type;
        if (a.TypeId == TypeId.Boolean && b.TypeId == TypeId.Boolean)
        {
            return new BooleanComparisonKernel(left, right, op, type);
        }

        if ((a.PhysicalType == PhysicalType.Utf8 && b.PhysicalType == PhysicalType.Utf8)
            || (a.PhysicalType == PhysicalType.Binary && b.PhysicalType == PhysicalType.Binary))
        {
            return new BytesComparisonKernel(left, right, op, type);
        }

        if (a.TypeId == b.TypeId && a.PhysicalType == b.PhysicalType && (a.TypeId != TypeId.Decimal || a.Scale == b.Scale))
        {
            var physical = Physical(left, right, op, type, a.PhysicalType);
            if (physical is not null)
            {
                return physical;
            }
        }
        else if (IsNumeric(a) && IsNumeric(b) && !IsDecimal(a) && !IsDecimal(b))
        {
            var common = IsFloating(a) || IsFloating(b) ? DataTypes.Double() : DataTypes.BigInt();
            return Physical(CastTo(left, common), CastTo(right, common), op, type, common.PhysicalType)!;
        }

        throw NotSupported(call);
    }

    private static Kernel? Physical(Kernel left, Kernel right, ComparisonOperator op, DataType type, PhysicalType physical) =>
        physical switch
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

    /// <summary>A kernel producing <paramref name="target"/> values from <paramref name="kernel"/>'s.</summary>
    private static Kernel CastTo(Kernel kernel, DataType target, bool isTry = false)
    {
        var source = kernel.Type;
        if (source.EqualsIgnoringNullability(target)
            || (source.TypeId == TypeId.Null)
            || (source.PhysicalType == target.PhysicalType && source.TypeId == target.TypeId && source.TypeId != TypeId.Decimal)
            || (source.PhysicalType == PhysicalType.Utf8 && target.PhysicalType == PhysicalType.Utf8))
        {
            return source.TypeId == TypeId.Null ? new LiteralKernel(null, target.Nullable()) : kernel;
        }

        if (IsNumeric(source) && !IsDecimal(source) && IsNumeric(target) && !IsDecimal(target))
        {
            return source.PhysicalType switch
            {
                PhysicalType.Int8 => NumericCast<sbyte>(kernel, target),
                PhysicalType.Int16 => NumericCast<short>(kernel, target),
                PhysicalType.Int32 => NumericCast<int>(kernel, target),
                PhysicalType.Int64 => NumericCast<long>(kernel, target),
                PhysicalType.Float32 => NumericCast<float>(kernel, target),
                _ => NumericCast<double>(kernel, target),
            };
        }

        if (IsNumeric(source) && !IsDecimal(source) && target.PhysicalType == PhysicalType.Utf8)
        {
            return source.PhysicalType switch
            {
                PhysicalType.Int8 => new NumberToStringKernel<sbyte>(kernel, target),
                PhysicalType.Int16 => new NumberToStringKernel<short>(kernel, target),
                PhysicalType.Int32 => new NumberToStringKernel<int>(kernel, target),
                PhysicalType.Int64 => new NumberToStringKernel<long>(kernel, target),
                PhysicalType.Float32 => new NumberToStringKernel<float>(kernel, target),
                _ => new NumberToStringKernel<double>(kernel, target),
            };
        }

        if (source.PhysicalType == PhysicalType.Utf8 && IsNumeric(target) && !IsDecimal(target))
        {
            return target.PhysicalType switch
            {
                PhysicalType.Int8 => new StringToNumberKernel<sbyte>(kernel, isTry, target),
                PhysicalType.Int16 => new StringToNumberKernel<short>(kernel, isTry, target),
                PhysicalType.Int32 => new StringToNumberKernel<int>(kernel, isTry, target),
                PhysicalType.Int64 => new StringToNumberKernel<long>(kernel, isTry, target),
                PhysicalType.Float32 => new StringToNumberKernel<float>(kernel, isTry, target),
                _ => new StringToNumberKernel<double>(kernel, isTry, target),
            };
        }

        throw new SluiceException($"Function CAST({source} AS {target}) is not supported in execution yet.", ErrorDomain.User);
    }

    private static Kernel NumericCast<TFrom>(Kernel kernel, DataType target)
        where TFrom : unmanaged, System.Numerics.INumber<TFrom> =>
        target.PhysicalType switch
        {
            PhysicalType.Int8 => new NumericCastKernel<TFrom, sbyte>(kernel, target),
            PhysicalType.Int16 => new NumericCastKernel<TFrom, short>(kernel, target),
            PhysicalType.Int32 => new NumericCastKernel<TFrom, int>(kernel, target),
            PhysicalType.Int64 => new NumericCastKernel<TFrom, long>(kernel, target),
            PhysicalType.Float32 => new NumericCastKernel<TFrom, float>(kernel, target),
            _ => new NumericCastKernel<TFrom, double>(kernel, target),
        };

    private static bool IsNumeric(DataType type) => type.TypeId is >= TypeId.TinyInt and <= TypeId.Decimal;

    private static bool IsDecimal(DataType type) => type.TypeId == TypeId.Decimal;

    private static bool IsFloating(DataType type) => type.TypeId is TypeId.Float or TypeId.Double;

    private static Type ClrTypeOf(DataType type) => type.PhysicalType switch
    {
        PhysicalType.Int8 => typeof(sbyte),
        PhysicalType.Int16 => typeof(short),
        PhysicalType.Int32 => typeof(int),
        PhysicalType.Int64 => typeof(long),
        PhysicalType.Float32 => typeof(float),
        _ => typeof(double),
    };

    private static SluiceException NotSupported(BoundCall call) =>
        new($"Function {call.Function.Name}({string.Join(", ", call.Operands.Select(o => o.Type.ToString()))}) is not supported in execution yet.",
            ErrorDomain.User);
}
