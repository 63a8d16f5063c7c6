using Sluice.Core.Types;
using static Sluice.Sql.Catalog.Functions.ArgumentFamily;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Date and time functions.</summary>
public static partial class BuiltInFunctions
{
    /// <summary><c>EXTRACT(unit FROM datetime)</c> as <c>EXTRACT(unit, datetime)</c>: a <c>BIGINT</c>.</summary>
    public static FunctionDefinition Extract { get; } = Scalar("EXTRACT", ReturnTypes.NullableIfAny(DataTypes.BigInt().NotNull()),
        Sig(Symbol, Datetime | Interval));

    /// <summary><c>TIMESTAMPADD(unit, n, datetime)</c>: the date-time type.</summary>
    public static FunctionDefinition TimestampAdd { get; } = Scalar("TIMESTAMPADD", TimestampAddType,
        Sig(Symbol, Integer, Datetime));

    /// <summary>
    /// Calcite's <c>SqlTimestampAddFunction</c> type in Flink: the datetime's type, except that adding hours, minutes or
    /// seconds to a <c>DATE</c> gives a <c>TIMESTAMP</c> of Flink's default precision (6); nullable as the operands.
    /// </summary>
    private static DataType TimestampAddType(CallContext call)
    {
        var datetime = call.OperandType(2);
        var type = call.SymbolAt(0) is "HOUR" or "MINUTE" or "SECOND" && datetime.TypeId == TypeId.Date ? DataTypes.Timestamp(6) : datetime;
        return type.WithNullability(call.AnyOperandNullable || datetime.IsNullable);
    }

    /// <summary><c>TIMESTAMPDIFF(unit, from, to)</c>: an <c>INT</c>.</summary>
    public static FunctionDefinition TimestampDiff { get; } = Scalar("TIMESTAMPDIFF", ReturnTypes.NullableIfAny(DataTypes.Int().NotNull()),
        Sig(Symbol, Datetime, Datetime));

    /// <summary><c>PROCTIME()</c>: the processing time, a <c>TIMESTAMP_LTZ(3)</c> processing-time attribute.</summary>
    public static FunctionDefinition ProcTime { get; } = Define("PROCTIME", FunctionKind.Scalar,
        ReturnTypes.Explicit(DataTypes.TimestampLtz(3).NotNull()), [Sig()], deterministic: false);

    /// <summary><c>CURRENT_TIMESTAMP</c>: a <c>TIMESTAMP_LTZ(3)</c>, evaluated per record in streaming mode.</summary>
    public static FunctionDefinition CurrentTimestamp { get; } = Define("CURRENT_TIMESTAMP", FunctionKind.Scalar,
        ReturnTypes.Explicit(DataTypes.TimestampLtz(3).NotNull()), [Sig()], FunctionSyntax.Niladic, deterministic: false, niladic: true);

    private static IEnumerable<FunctionDefinition> TemporalFunctions()
    {
        var bigint = DataTypes.BigInt().NotNull();
        yield return Extract;
        yield return TimestampAdd;
        yield return TimestampDiff;
        yield return ProcTime;
        yield return CurrentTimestamp;
        yield return Scalar("DATE_FORMAT", ReturnTypes.ForceNullable(DataTypes.String()), Sig(AnyTimestamp | Character, Character));
        yield return Scalar("TO_TIMESTAMP", ReturnTypes.ForceNullable(DataTypes.Timestamp(3)), Opt(1, Character, Character));
        yield return Scalar("TO_TIMESTAMP_LTZ", ReturnTypes.ForceNullable(DataTypes.TimestampLtz(3)),
            Opt(1, Numeric | Character, Integer | Character, Character));
        yield return Scalar("TO_DATE", ReturnTypes.ForceNullable(DataTypes.Date()), Opt(1, Character, Character));
        // Nullable only with a nullable operand: text that does not parse gives Long.MIN_VALUE, not NULL (Flink's BIGINT_NULLABLE).
        yield return Define("UNIX_TIMESTAMP", FunctionKind.Scalar, ReturnTypes.NullableIfAny(bigint),
            [Opt(0, Character, Character)], deterministic: false);
        // Flink's FROM_UNIXTIME and CONVERT_TZ are VARCHAR_FORCE_NULLABLE: a nullable STRING even for NOT NULL arguments.
        yield return Scalar("FROM_UNIXTIME", ReturnTypes.ForceNullable(DataTypes.String()), Opt(1, Integer, Character));
        yield return Scalar("CONVERT_TZ", ReturnTypes.ForceNullable(DataTypes.String()), Sig(Character, Character, Character));
        foreach (var name in new[] { "YEAR", "QUARTER", "MONTH", "WEEK", "DAYOFYEAR", "DAYOFMONTH", "DAYOFWEEK", "HOUR", "MINUTE", "SECOND" })
        {
            yield return Scalar(name, ReturnTypes.NullableIfAny(bigint), Sig(Datetime));
        }

        yield return Define("NOW", FunctionKind.Scalar, ReturnTypes.Explicit(DataTypes.TimestampLtz(3).NotNull()), [Sig()], deterministic: false);
        yield return Define("CURRENT_ROW_TIMESTAMP", FunctionKind.Scalar, ReturnTypes.Explicit(DataTypes.TimestampLtz(3).NotNull()),
            [Sig()], deterministic: false);
        yield return Define("LOCALTIMESTAMP", FunctionKind.Scalar, ReturnTypes.Explicit(DataTypes.Timestamp(3).NotNull()), [Sig()],
            FunctionSyntax.Niladic, deterministic: false, niladic: true);
        yield return Define("CURRENT_DATE", FunctionKind.Scalar, ReturnTypes.Explicit(DataTypes.Date().NotNull()), [Sig()],
            FunctionSyntax.Niladic, deterministic: false, niladic: true);
        yield return Define("CURRENT_TIME", FunctionKind.Scalar, ReturnTypes.Explicit(DataTypes.Time(0).NotNull()), [Sig()],
            FunctionSyntax.Niladic, deterministic: false, niladic: true);
        yield return Define("LOCALTIME", FunctionKind.Scalar, ReturnTypes.Explicit(DataTypes.Time(0).NotNull()), [Sig()],
            FunctionSyntax.Niladic, deterministic: false, niladic: true);
        yield return Define("CURRENT_WATERMARK", FunctionKind.Scalar,
            call => (call.OperandType(0).TypeId == TypeId.TimestampLtz ? DataTypes.TimestampLtz(3) : DataTypes.Timestamp(3)).Nullable(),
            [Sig(AnyTimestamp)], deterministic: false,
            description: "The current watermark of the rowtime attribute's operator, NULL before the first watermark");
    }
}
