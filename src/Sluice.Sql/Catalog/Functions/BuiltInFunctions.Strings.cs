using Sluice.Core.Types;
using static Sluice.Sql.Catalog.Functions.ArgumentFamily;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>String and hashing functions.</summary>
public static partial class BuiltInFunctions
{
    /// <summary><c>UPPER(s)</c>.</summary>
    public static FunctionDefinition Upper { get; } = Scalar("UPPER", ReturnTypes.ArgNullableIfAny(0), Sig(Character));

    /// <summary><c>LOWER(s)</c>.</summary>
    public static FunctionDefinition Lower { get; } = Scalar("LOWER", ReturnTypes.ArgNullableIfAny(0), Sig(Character));

    /// <summary><c>TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)</c> as <c>TRIM(side, chars, s)</c>, the side a symbol.</summary>
    public static FunctionDefinition Trim { get; } = Scalar("TRIM", ReturnTypes.VaryingOf(2), Sig(Symbol, Character, Character));

    /// <summary><c>SUBSTRING(s, start [, length])</c> (1-based).</summary>
    public static FunctionDefinition Substring { get; } = Scalar("SUBSTRING", ReturnTypes.VaryingOf(0), Opt(2, Character, Integer, Integer));

    /// <summary><c>POSITION(needle IN haystack [FROM start])</c> as <c>POSITION(needle, haystack [, start])</c>.</summary>
    public static FunctionDefinition Position { get; } = Scalar("POSITION", ReturnTypes.NullableIfAny(DataTypes.Int().NotNull()),
        Opt(2, Character, Character, Integer));

    /// <summary>
    /// <c>OVERLAY(s PLACING r FROM start [FOR length])</c> as <c>OVERLAY(s, r, start [, length])</c>: a <c>VARCHAR</c> as
    /// long as both strings together (Flink's <c>STRING_CONCAT</c> type strategy).
    /// </summary>
    public static FunctionDefinition Overlay { get; } = Scalar("OVERLAY", call =>
        {
            var length = Math.Min((long)call.OperandType(0).Length + call.OperandType(1).Length, DataTypes.MaxLength);
            return DataTypes.VarChar((int)Math.Max(1, length)).WithNullability(call.AnyOperandNullable);
        },
        Opt(3, Character, Character, Integer, Integer));

    private static IEnumerable<FunctionDefinition> StringFunctions()
    {
        var intType = DataTypes.Int().NotNull();
        var stringType = DataTypes.String().NotNull();
        yield return Upper;
        yield return Lower;
        yield return Trim;
        yield return Substring;
        yield return Position;
        yield return Overlay;
        yield return Scalar("INITCAP", ReturnTypes.ArgNullableIfAny(0), Sig(Character));
        yield return Scalar("CHAR_LENGTH", ReturnTypes.NullableIfAny(intType), Sig(Character));
        yield return Scalar("CHARACTER_LENGTH", ReturnTypes.NullableIfAny(intType), Sig(Character));
        yield return Scalar("LTRIM", ReturnTypes.VaryingOf(0), Opt(1, Character, Character));
        yield return Scalar("RTRIM", ReturnTypes.VaryingOf(0), Opt(1, Character, Character));
        yield return Scalar("SUBSTR", ReturnTypes.VaryingOf(0), Opt(2, Character, Integer, Integer));
        yield return Scalar("CONCAT", call =>
        {
            var length = (int)Math.Min(call.OperandTypes.Sum(t => (long)t.Length), DataTypes.MaxLength);
            return DataTypes.VarChar(Math.Max(1, length)).WithNullability(call.AnyOperandNullable);
        }, Var(1, Character));
        yield return Scalar("CONCAT_WS", call => DataTypes.String().WithNullability(call.OperandType(0).IsNullable), Var(2, Character));
        yield return Scalar("REPLACE", ReturnTypes.NullableIfAny(stringType), Sig(Character, Character, Character));
        yield return Scalar("LPAD", ReturnTypes.NullableIfAny(stringType), Sig(Character, Integer, Character));
        yield return Scalar("RPAD", ReturnTypes.NullableIfAny(stringType), Sig(Character, Integer, Character));
        yield return Scalar("REPEAT", ReturnTypes.NullableIfAny(stringType), Sig(Character, Integer));
        yield return Scalar("REVERSE", ReturnTypes.NullableIfAny(stringType), Sig(Character));
        yield return Scalar("LEFT", ReturnTypes.VaryingOf(0), Sig(Character, Integer));
        yield return Scalar("RIGHT", ReturnTypes.VaryingOf(0), Sig(Character, Integer));
        yield return Scalar("LOCATE", ReturnTypes.NullableIfAny(intType), Opt(2, Character, Character, Integer));
        yield return Scalar("INSTR", ReturnTypes.NullableIfAny(intType), Sig(Character, Character));
        yield return Scalar("ASCII", ReturnTypes.NullableIfAny(intType), Sig(Character));
        yield return Scalar("CHR", ReturnTypes.NullableIfAny(DataTypes.Char(1).NotNull()), Sig(Integer));
        yield return Scalar("REGEXP", ReturnTypes.NullableIfAny(DataTypes.Boolean().NotNull()), Sig(Character, Character));
        yield return Scalar("REGEXP_REPLACE", ReturnTypes.NullableIfAny(stringType), Sig(Character, Character, Character));
        yield return Scalar("REGEXP_EXTRACT", ReturnTypes.ForceNullable(stringType), Opt(2, Character, Character, Integer));
        yield return Scalar("REGEXP_EXTRACT_ALL", ReturnTypes.ForceNullable(DataTypes.Array(DataTypes.String())),
            Opt(2, Character, Character, Integer));
        yield return Scalar("REGEXP_COUNT", ReturnTypes.ForceNullable(intType), Sig(Character, Character));
        yield return Scalar("REGEXP_INSTR", ReturnTypes.ForceNullable(intType), Sig(Character, Character));
        yield return Scalar("REGEXP_SUBSTR", ReturnTypes.ForceNullable(stringType), Sig(Character, Character));
        yield return Scalar("SPLIT_INDEX", ReturnTypes.ForceNullable(stringType), Sig(Character, Character, Integer));
        yield return Scalar("TO_BASE64", ReturnTypes.NullableIfAny(stringType), Sig(ArgumentFamily.String));
        yield return Scalar("FROM_BASE64", ReturnTypes.NullableIfAny(stringType), Sig(Character));
        yield return Scalar("MD5", ReturnTypes.NullableIfAny(DataTypes.Char(32).NotNull()), Sig(ArgumentFamily.String));
        yield return Scalar("SHA1", ReturnTypes.NullableIfAny(DataTypes.Char(40).NotNull()), Sig(ArgumentFamily.String));
        yield return Scalar("SHA224", ReturnTypes.NullableIfAny(DataTypes.Char(56).NotNull()), Sig(ArgumentFamily.String));
        yield return Scalar("SHA256", ReturnTypes.NullableIfAny(DataTypes.Char(64).NotNull()), Sig(ArgumentFamily.String));
        yield return Scalar("SHA384", ReturnTypes.NullableIfAny(DataTypes.Char(96).NotNull()), Sig(ArgumentFamily.String));
        yield return Scalar("SHA512", ReturnTypes.NullableIfAny(DataTypes.Char(128).NotNull()), Sig(ArgumentFamily.String));
        yield return Scalar("PARSE_URL", ReturnTypes.ForceNullable(stringType), Opt(2, Character, Character, Character));
        yield return Scalar("IS_ALPHA", ReturnTypes.Explicit(DataTypes.Boolean().NotNull()), Sig(Character));
        yield return Scalar("IS_DECIMAL", ReturnTypes.Explicit(DataTypes.Boolean().NotNull()), Sig(Character));
        yield return Scalar("IS_DIGIT", ReturnTypes.Explicit(DataTypes.Boolean().NotNull()), Sig(Character));
        yield return Scalar("TYPEOF", ReturnTypes.Explicit(stringType), Opt(1, Any | ArgumentFamily.Variant, ArgumentFamily.Boolean));
        // Flink's SHA2 is VARCHAR(128) (the longest digest, SHA-512, in hex), nullable as its arguments.
        yield return Scalar("SHA2", ReturnTypes.NullableIfAny(DataTypes.VarChar(128).NotNull()), Sig(ArgumentFamily.String, Integer));
        yield return Scalar("BTRIM", ReturnTypes.VaryingOf(0), Opt(1, Character, Character));
        yield return Scalar("TRANSLATE", ReturnTypes.NullableIfAny(stringType), Sig(Character, Character, Character));
        yield return Scalar("URL_ENCODE", ReturnTypes.ForceNullable(stringType), Sig(Character));
        yield return Scalar("URL_DECODE", ReturnTypes.ForceNullable(stringType), Sig(Character));
        yield return Scalar("JSON_QUOTE", ReturnTypes.NullableIfAny(stringType), Sig(Character));
        yield return Scalar("JSON_UNQUOTE", ReturnTypes.NullableIfAny(stringType), Sig(Character));
        yield return Scalar("ENCODE", ReturnTypes.NullableIfAny(DataTypes.Bytes().NotNull()), Sig(Character, Character));
        yield return Scalar("DECODE", ReturnTypes.NullableIfAny(stringType), Sig(Binary, Character));
        yield return Scalar("CURRENT_DATABASE", ReturnTypes.Explicit(stringType), Sig());
        yield return Scalar("STARTSWITH", SameStringFamily(DataTypes.Boolean().NotNull()), Sig(ArgumentFamily.String, ArgumentFamily.String));
        yield return Scalar("ENDSWITH", SameStringFamily(DataTypes.Boolean().NotNull()), Sig(ArgumentFamily.String, ArgumentFamily.String));
        yield return Scalar("PRINTF", call => stringType.WithNullability(true), Var(1, Character, Any));
        yield return Define("ELT", FunctionKind.Scalar, call => LeastRestrictiveOrError(call, 1).Nullable(), [Var(2, Integer, ArgumentFamily.String)],
            coercion: ReturnTypes.ToReturnType(1));
    }

    /// <summary>
    /// <paramref name="result"/>, nullable when an operand is, for a function whose operands must all be character
    /// strings or all binary strings.
    /// </summary>
    private static ReturnTypeInference SameStringFamily(Core.Types.DataType result) => call =>
    {
        LeastRestrictiveOrError(call, 0);
        return result.WithNullability(call.AnyOperandNullable);
    };

    /// <summary>The least restrictive type of the operands from <paramref name="start"/> on, which must all be character or all binary strings.</summary>
    private static Core.Types.DataType LeastRestrictiveOrError(CallContext call, int start)
    {
        var types = call.OperandTypes.Skip(start).ToList();
        var characters = types.Count(t => t.TypeId is TypeId.Char or TypeId.VarChar);
        var binaries = types.Count(t => t.TypeId is TypeId.Binary or TypeId.VarBinary);
        if (characters > 0 && binaries > 0)
        {
            throw call.Error($"The expressions of {call.Function.Name} must all be character strings or all binary strings, not {string.Join(", ", types)}");
        }

        return ReturnTypes.LeastRestrictive(start)(call);
    }
}
