using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Turns one bound expression into a tree of kernels (the work behind <see cref="ExpressionCompiler"/>): resolves each
/// call to a kernel for its operand types, inserting the conversions Flink applies implicitly. Split by concern:
/// casts, arithmetic and comparison, conditionals, math, strings, date-times, JSON, collections. Used once, on the
/// compiling thread.
/// </summary>
internal sealed partial class KernelBuilder
{
    private readonly Schema _schema;
    private readonly ExpressionEnvironment _environment;
    private int _randomSites;

    public KernelBuilder(Schema schema, ExpressionEnvironment environment)
    {
        _schema = schema;
        _environment = environment;
    }

    public Kernel Build(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundInputRef input:
                if ((uint)input.Index >= (uint)_schema.Count)
                {
                    throw new SluiceException($"Input column ${input.Index} is outside the input row of {_schema.Count} columns.");
                }

                return new InputRefKernel(input.Index, _schema[input.Index].DataType);
            case BoundLiteral literal:
                return Literal(literal.Value, literal.Type);
            case BoundCast cast:
                return Cast(Build(cast.Operand), cast.Type, cast.IsTry);
            case BoundCase @case:
                return BuildCase(@case);
            case BoundFieldAccess access:
                return BuildFieldAccess(access);
            case BoundCall call:
                return BuildCall(call);
            default:
                throw new SluiceException($"Expression {expression} is not supported in execution yet.", ErrorDomain.User);
        }
    }

    private Kernel BuildCall(BoundCall call)
    {
        var f = call.Function;
        if (f.Implementation is { } userDefined)
        {
            return BuildUserDefined(call, userDefined);
        }

        if (!f.IsBuiltIn || f.Kind != FunctionKind.Scalar)
        {
            throw NotSupported(call);
        }

        var n = call.Operands.Count;
        return f.Name switch
        {
            "+" or "*" or "/" or "%" => BuildArithmetic(call),
            "-" => n == 1 ? BuildNegate(call) : BuildArithmetic(call),
            "=" or "<>" or "<" or "<=" or ">" or ">=" => BuildComparison(call),
            "IS DISTINCT FROM" or "IS NOT DISTINCT FROM" => BuildDistinct(call),
            "AND" or "OR" => BuildLogical(call),
            "NOT" => new NotKernel(Build(call.Operands[0]), call.Type),
            "IS NULL" or "IS NOT NULL" => new NullTestKernel(Build(call.Operands[0]), f.Name == "IS NOT NULL", call.Type),
            "IS TRUE" or "IS NOT TRUE" or "IS FALSE" or "IS NOT FALSE" => BuildBooleanTest(call),
            "||" or "CONCAT" => BuildConcat(call),
            "LIKE" => BuildLike(call),
            "SIMILAR TO" => BuildSimilar(call),
            "IN" => BuildIn(call),
            "ITEM" => BuildItem(call),
            "ARRAY" => BuildArrayConstructor(call),
            "MAP" => BuildMapConstructor(call),
            "ROW" => BuildRowConstructor(call),
            "COALESCE" or "IFNULL" => BuildCoalesce(call),
            "IF" => BuildIf(call),
            "NULLIF" => BuildNullIf(call),
            "GREATEST" or "LEAST" => BuildGreatest(call),
            _ => BuildFunction(call),
        };
    }

    private Kernel BuildFunction(BoundCall call) =>
        TryBuildMath(call) ?? TryBuildString(call) ?? TryBuildTemporal(call) ?? TryBuildJson(call) ?? TryBuildCollection(call)
        ?? TryBuildRowFunction(call)
        ?? throw NotSupported(call);

    /// <summary>A constant of <paramref name="type"/>; <c>TIMESTAMP_LTZ</c> literals are wall-clock times of the session time zone.</summary>
    private Kernel Literal(object? value, DataType type)
    {
        if (type.TypeId == TypeId.Null)
        {
            return new LiteralKernel(null, type);
        }

        if (type.TypeId == TypeId.TimestampLtz && value is DateTime local)
        {
            var zone = new TimeZoneRules(_environment.SessionTimeZone);
            value = zone.ToInstant(Core.Types.TemporalConversions.ToEpochMicros(local));
        }
        else if (type.TypeId == TypeId.TimestampLtz && value is long localNanos && Core.Types.TimestampUnit.IsNanos(type))
        {
            // A TIMESTAMP_LTZ(7..9) literal: nanoseconds of the wall clock, moved to the instant of the session time zone.
            var zone = new TimeZoneRules(_environment.SessionTimeZone);
            var micros = Core.Types.TimestampUnit.ToMicros(localNanos, type);
            value = Core.Types.TimestampUnit.MicrosToNanos(zone.ToInstant(micros), Core.Types.TimestampUnit.NanoOfMicro(localNanos, type));
        }

        try
        {
            return new LiteralKernel(value, type);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw new SluiceException($"The literal {value} does not fit {type}: {e.Message}", ErrorDomain.User);
        }
    }

    /// <summary>Builds an operand and converts it to <paramref name="type"/> (keeping its own nullability).</summary>
    private Kernel Operand(BoundCall call, int index, DataType type) => Cast(Build(call.Operands[index]), type);

    /// <summary>The value of a literal operand (after unwrapping casts of literals), or false.</summary>
    private static bool TryLiteral(BoundExpression expression, out object? value)
    {
        switch (expression)
        {
            case BoundLiteral literal:
                value = literal.Value;
                return true;
            case BoundCast { Operand: BoundLiteral inner } cast when inner.Value is null || cast.Type.TypeId == inner.Type.TypeId
                || (TypeRules.IsCharacter(cast.Type) && TypeRules.IsCharacter(inner.Type)):
                value = inner.Value;
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>The name of a symbol operand, or null.</summary>
    private static string? Symbol(BoundCall call, int index) =>
        index < call.Operands.Count && call.Operands[index] is BoundSymbol symbol ? symbol.Name : null;

    private static bool IsNumeric(DataType type) => TypeRules.IsNumeric(type);

    private static bool IsDecimal(DataType type) => type.TypeId == TypeId.Decimal;

    private static bool IsInteger(DataType type) => TypeRules.IsInteger(type);

    private static bool IsFloating(DataType type) => TypeRules.IsApproximate(type);

    private static bool IsCharacter(DataType type) => TypeRules.IsCharacter(type);

    private static SluiceException NotSupported(BoundCall call) =>
        new($"Function {call.Function.Name}({string.Join(", ", call.Operands.Select(o => o is BoundSymbol s ? s.Name : o.Type.ToString()))}) is not supported in execution yet.",
            ErrorDomain.User);
}
