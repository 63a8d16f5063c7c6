using Sluice.Core.Types;
using Sluice.Sql.Ast;
using static Sluice.Sql.Catalog.Functions.ArgumentFamily;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Numeric functions.</summary>
public static partial class BuiltInFunctions
{
    /// <summary><c>ABS(n)</c>.</summary>
    public static FunctionDefinition Abs { get; } = Scalar("ABS", ReturnTypes.ArgNullableIfAny(0), Sig(Numeric));

    /// <summary><c>MOD(a, b)</c>: as <c>a % b</c>.</summary>
    public static FunctionDefinition Mod { get; } = Scalar("MOD",
        call => TypeRules.ArithmeticType(BinaryOperator.Modulo, call.OperandType(0), call.OperandType(1))!, Sig(ExactNumeric, ExactNumeric));

    /// <summary><c>FLOOR(n)</c>, or <c>FLOOR(datetime TO unit)</c> (the unit is a symbol operand).</summary>
    public static FunctionDefinition Floor { get; } = Scalar("FLOOR", ReturnTypes.FloorCeil, Sig(Numeric), Sig(Datetime, Symbol));

    /// <summary><c>CEIL(n)</c>, or <c>CEIL(datetime TO unit)</c>.</summary>
    public static FunctionDefinition Ceil { get; } = Scalar("CEIL", ReturnTypes.FloorCeil, Sig(Numeric), Sig(Datetime, Symbol));

    /// <summary><c>ROUND(n [, digits])</c>.</summary>
    public static FunctionDefinition Round { get; } = Scalar("ROUND", ReturnTypes.Round, Opt(1, Numeric, Integer));

    /// <summary><c>TRUNCATE(n [, digits])</c>.</summary>
    public static FunctionDefinition Truncate { get; } = Scalar("TRUNCATE", ReturnTypes.Round, Opt(1, Numeric, Integer));

    private static IEnumerable<FunctionDefinition> MathFunctions()
    {
        var doubleType = DataTypes.Double().NotNull();
        yield return Abs;
        yield return Mod;
        yield return Floor;
        yield return Ceil;
        yield return Scalar("CEILING", ReturnTypes.FloorCeil, Sig(Numeric), Sig(Datetime, Symbol));
        yield return Round;
        yield return Truncate;
        yield return Scalar("SIGN", ReturnTypes.ArgNullableIfAny(0), Sig(Numeric));
        yield return Scalar("POWER", ReturnTypes.NullableIfAny(doubleType), Sig(Numeric, Numeric));
        yield return Scalar("LOG", ReturnTypes.NullableIfAny(doubleType), Opt(1, Numeric, Numeric));
        foreach (var name in new[] { "SQRT", "EXP", "LN", "LOG10", "LOG2", "SIN", "COS", "TAN", "COT", "ASIN", "ACOS", "ATAN", "SINH", "COSH", "TANH", "DEGREES", "RADIANS" })
        {
            yield return Scalar(name, ReturnTypes.NullableIfAny(doubleType), Sig(Numeric));
        }

        yield return Scalar("ATAN2", ReturnTypes.NullableIfAny(doubleType), Sig(Numeric, Numeric));
        yield return Scalar("BIN", ReturnTypes.NullableIfAny(DataTypes.String().NotNull()), Sig(Integer));
        yield return Scalar("UNHEX", ReturnTypes.ForceNullable(DataTypes.Bytes().NotNull()), Sig(Character));
        yield return Scalar("HEX", ReturnTypes.NullableIfAny(DataTypes.String().NotNull()), Sig(Integer | ArgumentFamily.String));
        yield return Scalar("PI", ReturnTypes.Explicit(doubleType), Sig());
        yield return Scalar("E", ReturnTypes.Explicit(doubleType), Sig());
        yield return Define("RAND", FunctionKind.Scalar, ReturnTypes.Explicit(doubleType), [Opt(0, Integer)], deterministic: false);
        yield return Define("RAND_INTEGER", FunctionKind.Scalar, ReturnTypes.Explicit(DataTypes.Int().NotNull()),
            [Sig(Integer), Sig(Integer, Integer)], deterministic: false);
        yield return Define("UUID", FunctionKind.Scalar, ReturnTypes.Explicit(DataTypes.Char(36).NotNull()), [Sig()], deterministic: false);
    }
}
