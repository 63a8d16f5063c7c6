using Sluice.Core.Types;
using static Sluice.Sql.Catalog.Functions.ArgumentFamily;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Conditional, JSON and collection functions.</summary>
public static partial class BuiltInFunctions
{
    /// <summary><c>COALESCE(a, b, ...)</c>: the least restrictive type, nullable only when every operand is.</summary>
    public static FunctionDefinition Coalesce { get; } = Define("COALESCE", FunctionKind.Scalar, CoalesceType,
        [Var(1, Any | ArgumentFamily.Variant)], coercion: ReturnTypes.ToReturnType());

    /// <summary><c>IF(condition, then, else)</c>.</summary>
    public static FunctionDefinition If { get; } = Define("IF", FunctionKind.Scalar, ReturnTypes.LeastRestrictive(1),
        [Sig(ArgumentFamily.Boolean, Any | ArgumentFamily.Variant, Any | ArgumentFamily.Variant)], coercion: ReturnTypes.ToReturnType(1));

    /// <summary><c>NULLIF(a, b)</c>: null when <c>a = b</c>, otherwise <c>a</c>.</summary>
    public static FunctionDefinition NullIf { get; } = Scalar("NULLIF", ReturnTypes.ArgForceNullable(0), Sig(Any, Any));

    /// <summary><c>JSON_VALUE(json, path ...)</c>: a scalar from a JSON document, <c>STRING</c> unless <c>RETURNING</c> says otherwise.</summary>
    public static FunctionDefinition JsonValue { get; } = Scalar("JSON_VALUE", ReturnTypes.ForceNullable(DataTypes.String()),
        Var(2, Character, Character, Any | Symbol));

    /// <summary><c>JSON_QUERY(json, path ...)</c>: a JSON fragment as a <c>STRING</c>.</summary>
    public static FunctionDefinition JsonQuery { get; } = Scalar("JSON_QUERY", ReturnTypes.ForceNullable(DataTypes.String()),
        Var(2, Character, Character, Any | Symbol));

    /// <summary><c>JSON_EXISTS(json, path [behavior])</c>.</summary>
    public static FunctionDefinition JsonExists { get; } = Scalar("JSON_EXISTS", ReturnTypes.NullableIfAny(DataTypes.Boolean().NotNull()),
        Var(2, Character, Character, Symbol));

    /// <summary><c>JSON_OBJECT(KEY k VALUE v, ...)</c> as <c>JSON_OBJECT(null handling, k1, v1, ...)</c>.</summary>
    public static FunctionDefinition JsonObject { get; } = Scalar("JSON_OBJECT", ReturnTypes.Explicit(DataTypes.String().NotNull()),
        Var(1, Symbol, Any));

    /// <summary><c>JSON_ARRAY(v, ...)</c> as <c>JSON_ARRAY(null handling, v1, ...)</c>.</summary>
    public static FunctionDefinition JsonArray { get; } = Scalar("JSON_ARRAY", ReturnTypes.Explicit(DataTypes.String().NotNull()),
        Var(1, Symbol, Any));

    private static IEnumerable<FunctionDefinition> ConditionalFunctions()
    {
        yield return Coalesce;
        yield return If;
        yield return NullIf;
        yield return Define("IFNULL", FunctionKind.Scalar, CoalesceType, [Sig(Any | ArgumentFamily.Variant, Any | ArgumentFamily.Variant)], coercion: ReturnTypes.ToReturnType());
        yield return Define("GREATEST", FunctionKind.Scalar, ReturnTypes.LeastRestrictive(), [Var(1, Any)], coercion: ReturnTypes.ToReturnType());
        yield return Define("LEAST", FunctionKind.Scalar, ReturnTypes.LeastRestrictive(), [Var(1, Any)], coercion: ReturnTypes.ToReturnType());
    }

    private static IEnumerable<FunctionDefinition> JsonFunctions()
    {
        yield return JsonValue;
        yield return JsonQuery;
        yield return JsonExists;
        yield return JsonObject;
        yield return JsonArray;
        yield return Scalar("JSON_STRING", ReturnTypes.NullableIfAny(DataTypes.String().NotNull()), Sig(Any | ArgumentFamily.Variant));
    }

    private static IEnumerable<FunctionDefinition> VariantFunctions()
    {
        yield return Define("PARSE_JSON", FunctionKind.Scalar, ReturnTypes.NullableIfAny(DataTypes.Variant().NotNull()),
            [Opt(1, Character, ArgumentFamily.Boolean)],
            description: "PARSE_JSON(json [, allowDuplicateKeys]): the JSON text as a VARIANT; invalid JSON, or a key repeated in an object when allowDuplicateKeys is FALSE (the default), fails the job; with TRUE the last duplicate wins; NULL for NULL");
        yield return Define("TRY_PARSE_JSON", FunctionKind.Scalar, ReturnTypes.ForceNullable(DataTypes.Variant()),
            [Opt(1, Character, ArgumentFamily.Boolean)],
            description: "TRY_PARSE_JSON(json [, allowDuplicateKeys]): as PARSE_JSON, but NULL where PARSE_JSON fails");
    }

    private static IEnumerable<FunctionDefinition> CollectionFunctions()
    {
        yield return Scalar("CARDINALITY", ReturnTypes.NullableIfAny(DataTypes.Int().NotNull()), Sig(ArgumentFamily.Array | Map | Multiset));
        yield return Scalar("ELEMENT", call => call.OperandType(0).ElementType!.Nullable(), Sig(ArgumentFamily.Array | Multiset));
        yield return Scalar("ARRAY_CONTAINS", ReturnTypes.NullableIfAny(DataTypes.Boolean().NotNull()), Sig(ArgumentFamily.Array, Any));
    }

    private static DataType CoalesceType(CallContext call)
    {
        var type = ReturnTypes.LeastRestrictive()(call);
        return type.WithNullability(call.OperandTypes.All(t => t.IsNullable));
    }
}
