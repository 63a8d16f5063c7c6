namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// The built-in functions and operators, with Flink's names, signatures and result types. Operators (<c>+</c>,
/// <c>=</c>, <c>AND</c>, ...) are definitions too, so plans treat every call alike, but only named functions are
/// registered for lookup by name (<see cref="All"/>).
/// </summary>
/// <remarks>Split by concern: operators, math, strings, temporal, conditional and JSON, aggregates and windows.</remarks>
public static partial class BuiltInFunctions
{
    private static IReadOnlyList<FunctionDefinition>? _all;

    /// <summary>Every function that can be called by name, ordered by name.</summary>
    public static IReadOnlyList<FunctionDefinition> All => _all ??= Collect();

    private static IReadOnlyList<FunctionDefinition> Collect() =>
        MathFunctions().Concat(StringFunctions()).Concat(TemporalFunctions()).Concat(ConditionalFunctions())
            .Concat(JsonFunctions()).Concat(VariantFunctions()).Concat(CollectionFunctions()).Concat(ArrayAndMapFunctions()).Concat(AggregateFunctions()).Concat(WindowFunctions())
            .Concat(ProcessTableFunctions())
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();

    private static FunctionDefinition Define(
        string name,
        FunctionKind kind,
        ReturnTypeInference returnType,
        FunctionSignature[] signatures,
        FunctionSyntax syntax = FunctionSyntax.Function,
        OperandCoercion? coercion = null,
        bool deterministic = true,
        bool niladic = false,
        string? description = null) =>
        new(name, kind, signatures, returnType)
        {
            Syntax = syntax,
            CoerceOperands = coercion,
            IsDeterministic = deterministic,
            IsBuiltIn = true,
            AllowsNoParentheses = niladic,
            Description = description,
        };

    private static FunctionDefinition Scalar(string name, ReturnTypeInference returnType, params FunctionSignature[] signatures) =>
        Define(name, FunctionKind.Scalar, returnType, signatures);

    private static FunctionSignature Sig(params ArgumentFamily[] parameters) => FunctionSignature.Of(parameters);

    private static FunctionSignature Opt(int required, params ArgumentFamily[] parameters) =>
        FunctionSignature.Optional(required, parameters);

    private static FunctionSignature Var(int minimum, params ArgumentFamily[] parameters) =>
        FunctionSignature.Variadic(minimum, parameters);
}
