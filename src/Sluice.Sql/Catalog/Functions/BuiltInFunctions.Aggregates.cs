using Sluice.Core.Types;
using static Sluice.Sql.Catalog.Functions.ArgumentFamily;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Aggregate, ranking and windowing table functions.</summary>
public static partial class BuiltInFunctions
{
    /// <summary><c>COUNT(*)</c> (no operands) or <c>COUNT(x, ...)</c>: a <c>BIGINT NOT NULL</c>.</summary>
    public static FunctionDefinition Count { get; } = Aggregate("COUNT", ReturnTypes.Explicit(DataTypes.BigInt().NotNull()),
        Sig(), Var(1, Any | ArgumentFamily.Variant));

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

    /// <summary>
    /// <c>ARRAY_AGG([DISTINCT] x [RESPECT NULLS | IGNORE NULLS])</c>: the values in arrival order as an <c>ARRAY</c> of the
    /// operand type (NULLs kept unless <c>IGNORE NULLS</c>, as Flink's default is <c>RESPECT NULLS</c>); NULL for no rows.
    /// </summary>
    public static FunctionDefinition ArrayAgg { get; } = Define("ARRAY_AGG", FunctionKind.Aggregate,
        call => DataTypes.Array(call.OperandType(0)).Nullable(), [Sig(Any)],
        description: "ARRAY_AGG([DISTINCT] x [RESPECT NULLS | IGNORE NULLS]): the values in arrival order, NULLs kept unless IGNORE NULLS; NULL when there is no row");

    /// <summary>
    /// <c>JSON_OBJECTAGG([KEY] k VALUE v [NULL | ABSENT ON NULL])</c>: a JSON object of the key-value pairs, as
    /// <c>STRING NOT NULL</c> (default <c>NULL ON NULL</c>; a NULL or repeated key fails the job, as in Flink).
    /// </summary>
    public static FunctionDefinition JsonObjectAgg { get; } = Define("JSON_OBJECTAGG", FunctionKind.Aggregate,
        ReturnTypes.Explicit(DataTypes.String().NotNull()), [Sig(Character, Any)],
        description: "JSON_OBJECTAGG([KEY] k VALUE v [NULL | ABSENT ON NULL]): a JSON object, keys in ascending order, default NULL ON NULL; a NULL or repeated key is an error; values of JSON_OBJECT / JSON_ARRAY are embedded as JSON; not in OVER windows");

    /// <summary>
    /// <c>JSON_ARRAYAGG(v [NULL | ABSENT ON NULL])</c>: a JSON array of the values in arrival order, as <c>STRING NOT NULL</c>
    /// (default <c>ABSENT ON NULL</c>).
    /// </summary>
    public static FunctionDefinition JsonArrayAgg { get; } = Define("JSON_ARRAYAGG", FunctionKind.Aggregate,
        ReturnTypes.Explicit(DataTypes.String().NotNull()), [Sig(Any)],
        description: "JSON_ARRAYAGG(v [NULL | ABSENT ON NULL]): a JSON array in arrival order, default ABSENT ON NULL; values of JSON_OBJECT / JSON_ARRAY are embedded as JSON; not in OVER windows");

    /// <summary>
    /// <c>PERCENTILE(x, percentage [, frequency])</c>: the exact percentile of the values with linear interpolation, as
    /// Flink's: <c>DOUBLE</c> for a percentage in [0, 1], <c>ARRAY&lt;DOUBLE&gt;</c> for an array of them; rows with a NULL
    /// value or a NULL or non-positive frequency are skipped.
    /// </summary>
    public static FunctionDefinition Percentile { get; } = Define("PERCENTILE", FunctionKind.Aggregate, PercentileType,
        [Opt(2, Numeric, Numeric, Integer), Opt(2, Numeric, ArgumentFamily.Array, Integer)], coercion: PercentileCoercion,
        description: "PERCENTILE(x, percentage [, frequency]): the exact percentile with linear interpolation; percentage in [0.0, 1.0] (DOUBLE) or an array of them (ARRAY<DOUBLE>); rows with a NULL value or a NULL or non-positive frequency are skipped");

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

    /// <summary><c>CUMULATE(TABLE t, DESCRIPTOR(time), step, size [, offset [, emitOnlyOnUpdate]])</c>.</summary>
    public static FunctionDefinition Cumulate { get; } = WindowTable("CUMULATE", "data", "timecol", "step", "size", "[offset]", "[emitOnlyOnUpdate]");

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
        yield return Aggregate("FIRST_VALUE", ReturnTypes.ArgNullableIfEmpty(0), Sig(Any | ArgumentFamily.Variant));
        yield return Aggregate("LAST_VALUE", ReturnTypes.ArgNullableIfEmpty(0), Sig(Any | ArgumentFamily.Variant));
        yield return Aggregate("LISTAGG", ReturnTypes.ForceNullable(DataTypes.String()), Opt(1, Character, Character));
        yield return Aggregate("COLLECT", call => DataTypes.Multiset(call.OperandType(0)).NotNull(), Sig(Any));
        yield return ArrayAgg;
        yield return JsonObjectAgg;
        yield return JsonArrayAgg;
        yield return Percentile;
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

    private static DataType PercentileType(CallContext call)
    {
        var percentage = call.OperandType(1);
        if (percentage.TypeId == TypeId.Array && !TypeRules.IsNumeric(percentage.ElementType!))
        {
            throw call.Error($"The percentage of PERCENTILE must be a number or an array of numbers, not {percentage}");
        }

        if (call.TryGetLiteral(1, out var literal))
        {
            if (literal is null)
            {
                throw call.Error("The percentage of PERCENTILE must not be NULL");
            }

            var value = Convert.ToDouble(literal, System.Globalization.CultureInfo.InvariantCulture);
            if (!(value >= 0.0 && value <= 1.0))
            {
                throw call.Error(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Percentage of PERCENTILE should be between [0.0, 1.0], but was '{value}'"));
            }
        }

        return percentage.TypeId == TypeId.Array ? DataTypes.Array(DataTypes.Double()).Nullable() : DataTypes.Double().Nullable();
    }

    /// <summary>PERCENTILE reads its value and a single percentage as DOUBLE and its frequency as BIGINT.</summary>
    private static IReadOnlyList<DataType?> PercentileCoercion(CallContext call, DataType returnType)
    {
        var targets = new DataType?[call.OperandCount];
        targets[0] = DataTypes.Double().WithNullability(call.OperandType(0).IsNullable);
        if (call.OperandType(1).TypeId != TypeId.Array)
        {
            targets[1] = DataTypes.Double().WithNullability(call.OperandType(1).IsNullable);
        }

        if (call.OperandCount > 2)
        {
            targets[2] = DataTypes.BigInt().WithNullability(call.OperandType(2).IsNullable);
        }

        return targets;
    }

    private static ReturnTypeInference Orderable(ReturnTypeInference inner) => call =>
    {
        if (!TypeRules.IsOrderable(call.OperandType(0)))
        {
            throw call.Error($"{call.Function.Name} cannot be applied to {call.OperandType(0)}: its values have no order");
        }

        return inner(call);
    };
}
