using Sluice.Core.Types;
using static Sluice.Sql.Catalog.Functions.ArgumentFamily;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Aggregate, ranking and windowing table functions.</summary>
public static partial class BuiltInFunctions
{
    /// <summary><c>COUNT(*)</c> (no operands) or <c>COUNT(x, ...)</c>: a <c>BIGINT NOT NULL</c>.</summary>
    public static FunctionDefinition Count { get; } = Aggregate("COUNT", ReturnTypes.Explicit(DataTypes.BigInt().NotNull()),
        Sig(), Var(1, Any));

    /// <summary>
    /// <c>SUM(n)</c>: the operand type, except <c>DECIMAL(p, s)</c> sums to <c>DECIMAL(38, s)</c>; nullable when the
    /// aggregate may see no rows.
    /// </summary>
    public static FunctionDefinition Sum { get; } = Aggregate("SUM", call =>
    {
        var type = call.OperandType(0);
        var result = type.TypeId == TypeId.Decimal ? DataTypes.Decimal(DataTypes.MaxDecimalPrecision, type.Scale) : type;
        return result.WithNullability(type.IsNullable || call.MayBeEmpty);
    }, Sig(Numeric));

    /// <summary>
    /// <c>AVG(n)</c>: the operand type (integer averages are integers, as in Flink), except <c>DECIMAL(p, s)</c>
    /// averages to <c>DECIMAL(38, max(s, 6))</c>.
    /// </summary>
    public static FunctionDefinition Avg { get; } = Aggregate("AVG", call =>
    {
        var type = call.OperandType(0);
        var result = type.TypeId == TypeId.Decimal
            ? TypeRules.DecimalArithmeticType(Ast.BinaryOperator.Divide, DataTypes.Decimal(DataTypes.MaxDecimalPrecision, type.Scale),
                DataTypes.Decimal(20, 0))
            : type;
        return result.WithNullability(type.IsNullable || call.MayBeEmpty);
    }, Sig(Numeric));

    /// <summary><c>MIN(x)</c>: the operand type.</summary>
    public static FunctionDefinition Min { get; } = Aggregate("MIN", Orderable(ReturnTypes.ArgNullableIfEmpty(0)), Sig(Any));

    /// <summary><c>MAX(x)</c>: the operand type.</summary>
    public static FunctionDefinition Max { get; } = Aggregate("MAX", Orderable(ReturnTypes.ArgNullableIfEmpty(0)), Sig(Any));

    /// <summary><c>GROUPING(key, ...)</c>: which keys a grouping-set row aggregates over, as a bit mask.</summary>
    public static FunctionDefinition Grouping { get; } = Aggregate("GROUPING", ReturnTypes.Explicit(DataTypes.BigInt().NotNull()),
        Var(1, Any));

    /// <summary>
    /// The value of the only row (an error at run time for more rows; null for none). Internal: the binder uses it to
    /// turn a scalar subquery into a join.
    /// </summary>
    public static FunctionDefinition SingleValue { get; } = Aggregate("SINGLE_VALUE", ReturnTypes.ArgForceNullable(0), Sig(Any));

    /// <summary><c>ROW_NUMBER() OVER (...)</c>.</summary>
    public static FunctionDefinition RowNumber { get; } = Ranking("ROW_NUMBER");

    /// <summary><c>RANK() OVER (...)</c>.</summary>
    public static FunctionDefinition Rank { get; } = Ranking("RANK");

    /// <summary><c>DENSE_RANK() OVER (...)</c>.</summary>
    public static FunctionDefinition DenseRank { get; } = Ranking("DENSE_RANK");

    /// <summary><c>TUMBLE(TABLE t, DESCRIPTOR(time), size [, offset])</c>.</summary>
    public static FunctionDefinition Tumble { get; } = WindowTable("TUMBLE", "data", "timecol", "size", "[offset]");

    /// <summary><c>HOP(TABLE t, DESCRIPTOR(time), slide, size [, offset])</c>.</summary>
    public static FunctionDefinition Hop { get; } = WindowTable("HOP", "data", "timecol", "slide", "size", "[offset]");

    /// <summary><c>CUMULATE(TABLE t, DESCRIPTOR(time), step, size [, offset])</c>.</summary>
    public static FunctionDefinition Cumulate { get; } = WindowTable("CUMULATE", "data", "timecol", "step", "size", "[offset]");

    /// <summary><c>SESSION(TABLE t [PARTITION BY keys], DESCRIPTOR(time), gap)</c>.</summary>
    public static FunctionDefinition Session { get; } = WindowTable("SESSION", "data", "timecol", "gap");

    private static IEnumerable<FunctionDefinition> AggregateFunctions()
    {
        var nullableDouble = DataTypes.Double();
        yield return Count;
        yield return Sum;
        yield return Avg;
        yield return Min;
        yield return Max;
        yield return Grouping;
        yield return Aggregate("GROUPING_ID", ReturnTypes.Explicit(DataTypes.BigInt().NotNull()), Var(1, Any));
        yield return Aggregate("GROUP_ID", ReturnTypes.Explicit(DataTypes.BigInt().NotNull()), Sig());
        yield return Aggregate("FIRST_VALUE", ReturnTypes.ArgNullableIfEmpty(0), Sig(Any));
        yield return Aggregate("LAST_VALUE", ReturnTypes.ArgNullableIfEmpty(0), Sig(Any));
        yield return Aggregate("LISTAGG", ReturnTypes.ForceNullable(DataTypes.String()), Opt(1, Character, Character));
        yield return Aggregate("COLLECT", call => DataTypes.Multiset(call.OperandType(0)).NotNull(), Sig(Any));
        foreach (var name in new[] { "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP", "STDDEV", "VARIANCE" })
        {
            yield return Aggregate(name, ReturnTypes.Explicit(nullableDouble), Sig(Numeric));
        }
    }

    private static IEnumerable<FunctionDefinition> WindowFunctions()
    {
        yield return RowNumber;
        yield return Rank;
        yield return DenseRank;
        yield return Define("PERCENT_RANK", FunctionKind.Ranking, ReturnTypes.Explicit(DataTypes.Double().NotNull()), [Sig()]);
        yield return Define("CUME_DIST", FunctionKind.Ranking, ReturnTypes.Explicit(DataTypes.Double().NotNull()), [Sig()]);
        yield return Define("NTILE", FunctionKind.Ranking, ReturnTypes.Explicit(DataTypes.Int().NotNull()), [Sig(Integer)]);
        yield return Define("LAG", FunctionKind.Ranking, ReturnTypes.ArgForceNullable(0), [Opt(1, Any, Integer, Any)]);
        yield return Define("LEAD", FunctionKind.Ranking, ReturnTypes.ArgForceNullable(0), [Opt(1, Any, Integer, Any)]);
        yield return Tumble;
        yield return Hop;
        yield return Cumulate;
        yield return Session;
    }

    private static FunctionDefinition Aggregate(string name, ReturnTypeInference returnType, params FunctionSignature[] signatures) =>
        Define(name, FunctionKind.Aggregate, returnType, signatures);

    private static FunctionDefinition Ranking(string name) =>
        Define(name, FunctionKind.Ranking, ReturnTypes.Explicit(DataTypes.BigInt().NotNull()), [Sig()]);

    private static FunctionDefinition WindowTable(string name, params string[] parameters) =>
        Define(name, FunctionKind.WindowTable, call => throw call.Error($"{name} is a table function; call it in FROM as TABLE({name}(...))"),
            [], description: $"{name}({string.Join(", ", parameters)})");

    private static ReturnTypeInference Orderable(ReturnTypeInference inner) => call =>
    {
        if (!TypeRules.IsOrderable(call.OperandType(0)))
        {
            throw call.Error($"{call.Function.Name} cannot be applied to {call.OperandType(0)}: its values have no order");
        }

        return inner(call);
    };
}
