using Sluice.Core.Types;
using Sluice.Sql.Ast;
using static Sluice.Sql.Catalog.Functions.ArgumentFamily;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Operators: arithmetic, comparison, logic, tests, string concatenation and pattern matching.</summary>
public static partial class BuiltInFunctions
{
    private static DataType BooleanNotNull => DataTypes.Boolean().NotNull();

    /// <summary><c>a + b</c>: numbers, date-time plus interval, interval plus interval.</summary>
    public static FunctionDefinition Plus { get; } = Arithmetic("+", BinaryOperator.Add,
        Sig(Numeric, Numeric), Sig(Datetime, Interval), Sig(Interval, Datetime), Sig(Interval, Interval));

    /// <summary><c>a - b</c>: numbers, date-time minus interval, interval minus interval.</summary>
    public static FunctionDefinition Minus { get; } = Arithmetic("-", BinaryOperator.Subtract,
        Sig(Numeric, Numeric), Sig(Datetime, Interval), Sig(Interval, Interval));

    /// <summary><c>a * b</c>: numbers, interval times number.</summary>
    public static FunctionDefinition Multiply { get; } = Arithmetic("*", BinaryOperator.Multiply,
        Sig(Numeric, Numeric), Sig(Interval, Numeric), Sig(Numeric, Interval));

    /// <summary><c>a / b</c>: numbers (integer division for integers), interval divided by number.</summary>
    public static FunctionDefinition Divide { get; } = Arithmetic("/", BinaryOperator.Divide,
        Sig(Numeric, Numeric), Sig(Interval, Numeric));

    /// <summary><c>a % b</c>: the remainder of exact numbers.</summary>
    public static FunctionDefinition Modulo { get; } = Arithmetic("%", BinaryOperator.Modulo, Sig(ExactNumeric, ExactNumeric));

    /// <summary>Unary <c>-a</c>.</summary>
    public static FunctionDefinition Negate { get; } = Define("-", FunctionKind.Scalar, ReturnTypes.ArgNullableIfAny(0),
        [Sig(Numeric | Interval)], FunctionSyntax.Prefix);

    /// <summary><c>a = b</c>.</summary>
    public static FunctionDefinition EqualTo { get; } = Comparison("=");

    /// <summary><c>a &lt;&gt; b</c>.</summary>
    public static FunctionDefinition NotEqualTo { get; } = Comparison("<>");

    /// <summary><c>a &lt; b</c>.</summary>
    public static FunctionDefinition LessThan { get; } = Comparison("<");

    /// <summary><c>a &lt;= b</c>.</summary>
    public static FunctionDefinition LessThanOrEqual { get; } = Comparison("<=");

    /// <summary><c>a &gt; b</c>.</summary>
    public static FunctionDefinition GreaterThan { get; } = Comparison(">");

    /// <summary><c>a &gt;= b</c>.</summary>
    public static FunctionDefinition GreaterThanOrEqual { get; } = Comparison(">=");

    /// <summary><c>a IS DISTINCT FROM b</c>: never null.</summary>
    public static FunctionDefinition IsDistinctFrom { get; } = Define("IS DISTINCT FROM", FunctionKind.Scalar,
        ReturnTypes.Explicit(BooleanNotNull), [Sig(Any, Any)], FunctionSyntax.Binary);

    /// <summary><c>a IS NOT DISTINCT FROM b</c>: never null.</summary>
    public static FunctionDefinition IsNotDistinctFrom { get; } = Define("IS NOT DISTINCT FROM", FunctionKind.Scalar,
        ReturnTypes.Explicit(BooleanNotNull), [Sig(Any, Any)], FunctionSyntax.Binary);

    /// <summary><c>a AND b</c>.</summary>
    public static FunctionDefinition And { get; } = Define("AND", FunctionKind.Scalar,
        ReturnTypes.NullableIfAny(BooleanNotNull), [Sig(ArgumentFamily.Boolean, ArgumentFamily.Boolean)], FunctionSyntax.Binary);

    /// <summary><c>a OR b</c>.</summary>
    public static FunctionDefinition Or { get; } = Define("OR", FunctionKind.Scalar,
        ReturnTypes.NullableIfAny(BooleanNotNull), [Sig(ArgumentFamily.Boolean, ArgumentFamily.Boolean)], FunctionSyntax.Binary);

    /// <summary><c>NOT a</c>.</summary>
    public static FunctionDefinition Not { get; } = Define("NOT", FunctionKind.Scalar,
        ReturnTypes.NullableIfAny(BooleanNotNull), [Sig(ArgumentFamily.Boolean)], FunctionSyntax.Prefix);

    /// <summary><c>a IS NULL</c>.</summary>
    public static FunctionDefinition IsNull { get; } = Test("IS NULL", Any | ArgumentFamily.Variant);

    /// <summary><c>a IS NOT NULL</c>.</summary>
    public static FunctionDefinition IsNotNull { get; } = Test("IS NOT NULL", Any | ArgumentFamily.Variant);

    /// <summary><c>a IS TRUE</c>.</summary>
    public static FunctionDefinition IsTrue { get; } = Test("IS TRUE", ArgumentFamily.Boolean);

    /// <summary><c>a IS NOT TRUE</c>.</summary>
    public static FunctionDefinition IsNotTrue { get; } = Test("IS NOT TRUE", ArgumentFamily.Boolean);

    /// <summary><c>a IS FALSE</c>.</summary>
    public static FunctionDefinition IsFalse { get; } = Test("IS FALSE", ArgumentFamily.Boolean);

    /// <summary><c>a IS NOT FALSE</c>.</summary>
    public static FunctionDefinition IsNotFalse { get; } = Test("IS NOT FALSE", ArgumentFamily.Boolean);

    /// <summary><c>s IS JSON [VALUE]</c>: false for NULL and for text that is not JSON.</summary>
    public static FunctionDefinition IsJsonValue { get; } = Test("IS JSON VALUE", Character);

    /// <summary><c>s IS JSON SCALAR</c>.</summary>
    public static FunctionDefinition IsJsonScalar { get; } = Test("IS JSON SCALAR", Character);

    /// <summary><c>s IS JSON ARRAY</c>.</summary>
    public static FunctionDefinition IsJsonArray { get; } = Test("IS JSON ARRAY", Character);

    /// <summary><c>s IS JSON OBJECT</c>.</summary>
    public static FunctionDefinition IsJsonObject { get; } = Test("IS JSON OBJECT", Character);

    /// <summary><c>a || b</c>: string concatenation.</summary>
    public static FunctionDefinition Concat { get; } = Define("||", FunctionKind.Scalar,
        call => TypeRules.ConcatType(call.OperandType(0), call.OperandType(1))
            ?? throw call.Error($"Cannot apply '||' to arguments of type {call.OperandType(0)} and {call.OperandType(1)}"),
        [Sig(Character, Character), Sig(ArgumentFamily.Binary, ArgumentFamily.Binary)], FunctionSyntax.Binary);

    /// <summary><c>a LIKE pattern [ESCAPE e]</c>.</summary>
    public static FunctionDefinition Like { get; } = Define("LIKE", FunctionKind.Scalar,
        ReturnTypes.NullableIfAny(BooleanNotNull), [Opt(2, Character, Character, Character)], FunctionSyntax.Binary);

    /// <summary><c>a SIMILAR TO pattern [ESCAPE e]</c>.</summary>
    public static FunctionDefinition SimilarTo { get; } = Define("SIMILAR TO", FunctionKind.Scalar,
        ReturnTypes.NullableIfAny(BooleanNotNull), [Opt(2, Character, Character, Character)], FunctionSyntax.Binary);

    /// <summary><c>a IN (v1, v2, ...)</c>: operand 0 is the tested value, the rest the list (all of one comparable type).</summary>
    public static FunctionDefinition In { get; } = Define("IN", FunctionKind.Scalar,
        ReturnTypes.NullableIfAny(BooleanNotNull), [Var(2, Any, Any)]);

    /// <summary>
    /// <c>array[index]</c> (1-based), <c>map[key]</c>, or <c>variant['field']</c> / <c>variant[index]</c> (1-based, a
    /// <c>VARIANT</c>): nullable, since the element may be missing.
    /// </summary>
    public static FunctionDefinition Item { get; } = Define("ITEM", FunctionKind.Scalar, call =>
    {
        var target = call.OperandType(0);
        return target.TypeId switch
        {
            TypeId.Variant => DataTypes.Variant(),
            TypeId.Map => target.ValueType!.Nullable(),
            _ => target.ElementType!.Nullable(),
        };
    }, [Sig(ArgumentFamily.Array, Integer), Sig(Map, Any), Sig(ArgumentFamily.Variant, Character), Sig(ArgumentFamily.Variant, Integer)]);

    /// <summary><c>ARRAY[a, b, ...]</c>: an array of the least restrictive element type.</summary>
    public static FunctionDefinition ArrayConstructor { get; } = Define("ARRAY", FunctionKind.Scalar, call =>
    {
        var element = ReturnTypes.LeastRestrictive()(call);
        return DataTypes.Array(element).NotNull();
    }, [Var(1, Any)], coercion: (call, result) => ReturnTypes.ToReturnType()(call, result.ElementType!));

    /// <summary><c>MAP[k1, v1, k2, v2, ...]</c>: keys and values each of their least restrictive type.</summary>
    public static FunctionDefinition MapConstructor { get; } = Define("MAP", FunctionKind.Scalar, call =>
    {
        var keys = TypeRules.LeastRestrictive(call.OperandTypes.Where((_, i) => i % 2 == 0).ToList());
        var values = TypeRules.LeastRestrictive(call.OperandTypes.Where((_, i) => i % 2 == 1).ToList());
        if (keys is null || values is null)
        {
            throw call.Error("The keys or the values of MAP[...] have no common type");
        }

        return DataTypes.Map(keys, values).NotNull();
    }, [Var(2, Any)], coercion: (call, result) =>
    {
        var targets = new DataType?[call.OperandCount];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = (i % 2 == 0 ? result.KeyType! : result.ValueType!).WithNullability(call.OperandType(i).IsNullable);
        }

        return targets;
    });

    /// <summary><c>ROW(a, b, ...)</c>: a row with fields <c>EXPR$0</c>, <c>EXPR$1</c>, ...</summary>
    public static FunctionDefinition RowConstructor { get; } = Define("ROW", FunctionKind.Scalar,
        call => DataTypes.Row(call.OperandTypes.Select((t, i) => DataTypes.Field($"EXPR${i}", t))).NotNull(),
        [Var(1, Any)]);

    private static FunctionDefinition Arithmetic(string name, BinaryOperator op, params FunctionSignature[] signatures) =>
        Define(name, FunctionKind.Scalar,
            call => TypeRules.ArithmeticType(op, call.OperandType(0), call.OperandType(1))
                ?? throw call.Error($"Cannot apply '{name}' to arguments of type {call.OperandType(0)} and {call.OperandType(1)}"),
            signatures, FunctionSyntax.Binary);

    private static FunctionDefinition Comparison(string name) =>
        Define(name, FunctionKind.Scalar, ReturnTypes.NullableIfAny(BooleanNotNull), [Sig(Any, Any)], FunctionSyntax.Binary);

    private static FunctionDefinition Test(string name, ArgumentFamily family) =>
        Define(name, FunctionKind.Scalar, ReturnTypes.Explicit(BooleanNotNull), [Sig(family)], FunctionSyntax.Postfix);
}
