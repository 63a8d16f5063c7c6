using Sluice.Core.Schemas;
using Sluice.Core.Types;
using static Sluice.Sql.Catalog.Functions.ArgumentFamily;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Array and map functions (Flink's <c>ARRAY_*</c> and <c>MAP_*</c>) and <c>STR_TO_MAP</c>.</summary>
public static partial class BuiltInFunctions
{
    private static IEnumerable<FunctionDefinition> ArrayAndMapFunctions()
    {
        var intType = DataTypes.Int().NotNull();
        var stringType = DataTypes.String().NotNull();

        // Functions returning an array of the first operand's element type, NULL when the array is NULL.
        yield return Scalar("ARRAY_DISTINCT", ArrayOfFirst(valueOperand: -1, nullableIfAny: false), Sig(ArgumentFamily.Array));
        yield return Scalar("ARRAY_REVERSE", ArrayOfFirst(valueOperand: -1, nullableIfAny: false), Sig(ArgumentFamily.Array));
        yield return Scalar("ARRAY_REMOVE", ArrayOfFirst(valueOperand: -1, nullableIfAny: false), Sig(ArgumentFamily.Array, Any));
        yield return Scalar("ARRAY_APPEND", ArrayOfFirst(valueOperand: 1, nullableIfAny: false), Sig(ArgumentFamily.Array, Any));
        yield return Scalar("ARRAY_PREPEND", ArrayOfFirst(valueOperand: 1, nullableIfAny: false), Sig(ArgumentFamily.Array, Any));
        yield return Scalar("ARRAY_SORT", ArrayOfFirst(valueOperand: -1, nullableIfAny: true), Opt(1, ArgumentFamily.Array, ArgumentFamily.Boolean, ArgumentFamily.Boolean));
        yield return Scalar("ARRAY_SLICE", ArrayOfFirst(valueOperand: -1, nullableIfAny: true), Opt(2, ArgumentFamily.Array, Integer, Integer));
        yield return Scalar("ARRAY_UNION", ArrayOfFirst(valueOperand: -1, nullableIfAny: true), Sig(ArgumentFamily.Array, ArgumentFamily.Array));
        yield return Scalar("ARRAY_CONCAT", ArrayOfFirst(valueOperand: -1, nullableIfAny: true), Var(1, ArgumentFamily.Array));
        yield return Scalar("ARRAY_EXCEPT", ArrayOfFirst(valueOperand: -1, nullableIfAny: true), Sig(ArgumentFamily.Array, ArgumentFamily.Array));
        yield return Scalar("ARRAY_INTERSECT", ArrayOfFirst(valueOperand: -1, nullableIfAny: true), Sig(ArgumentFamily.Array, ArgumentFamily.Array));
        yield return Scalar("ARRAY_POSITION", ReturnTypes.NullableIfAny(intType), Sig(ArgumentFamily.Array, Any));
        yield return Scalar("ARRAY_MAX", call => call.OperandType(0).ElementType!.Nullable(), Sig(ArgumentFamily.Array));
        yield return Scalar("ARRAY_MIN", call => call.OperandType(0).ElementType!.Nullable(), Sig(ArgumentFamily.Array));
        yield return Scalar("ARRAY_JOIN", ReturnTypes.NullableIfAny(stringType), Opt(2, ArgumentFamily.Array, Character, Character));
        yield return Scalar("MAP_KEYS", call => DataTypes.Array(call.OperandType(0).KeyType!).WithNullability(call.OperandType(0).IsNullable),
            Sig(Map));
        yield return Scalar("MAP_VALUES", call => DataTypes.Array(call.OperandType(0).ValueType!).WithNullability(call.OperandType(0).IsNullable),
            Sig(Map));
        yield return Scalar("MAP_ENTRIES", call =>
        {
            var map = call.OperandType(0);
            return DataTypes.Array(DataTypes.Row(new Field("key", map.KeyType!), new Field("value", map.ValueType!)).NotNull())
                .WithNullability(map.IsNullable);
        }, Sig(Map));
        yield return Scalar("MAP_FROM_ARRAYS", call =>
            DataTypes.Map(call.OperandType(0).ElementType!, call.OperandType(1).ElementType!).WithNullability(call.AnyOperandNullable),
            Sig(ArgumentFamily.Array, ArgumentFamily.Array));
        yield return Scalar("MAP_UNION", call => call.OperandType(0).WithNullability(call.AnyOperandNullable), Var(1, Map));
        yield return Scalar("SPLIT", ReturnTypes.NullableIfAny(DataTypes.Array(DataTypes.String()).NotNull()), Sig(Character, Character));
        yield return Scalar("STR_TO_MAP", ReturnTypes.NullableIfAny(DataTypes.Map(DataTypes.String().NotNull(), DataTypes.String()).NotNull()),
            Opt(1, Character, Character, Character));
    }

    /// <summary>
    /// An array of operand 0's element type (made nullable when operand <paramref name="valueOperand"/>, an element
    /// to add, is nullable); NULL when operand 0 is nullable, or any operand with <paramref name="nullableIfAny"/>.
    /// </summary>
    private static ReturnTypeInference ArrayOfFirst(int valueOperand, bool nullableIfAny) => call =>
    {
        var array = call.OperandType(0);
        var element = array.ElementType!;
        if (valueOperand >= 0 && call.OperandType(valueOperand).IsNullable)
        {
            element = element.Nullable();
        }

        var nullable = nullableIfAny ? call.AnyOperandNullable : array.IsNullable;
        return DataTypes.Array(element).WithNullability(nullable);
    };
}
