using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Formats.Json;

/// <summary>The options shared by <c>json</c> and <c>debezium-json</c>, read once per decoder or encoder. Immutable.</summary>
internal sealed record JsonOptions
{
    internal const string FailOnMissingField = "fail-on-missing-field";
    internal const string IgnoreParseErrors = "ignore-parse-errors";
    internal const string TimestampStandard = "timestamp-format.standard";
    internal const string MapNullKeyModeKey = "map-null-key.mode";
    internal const string MapNullKeyLiteral = "map-null-key.literal";
    internal const string DecimalAsPlainNumber = "encode.decimal-as-plain-number";
    internal const string IgnoreNullFields = "encode.ignore-null-fields";

    public bool FailOnMissing { get; init; }

    public bool IgnoreErrors { get; init; }

    /// <summary>True for ISO-8601 timestamps (<c>T</c> separator), false for SQL (a space).</summary>
    public bool IsoTimestamps { get; init; }

    public MapNullKeyMode NullKeyMode { get; init; }

    public string NullKeyLiteral { get; init; } = "null";

    public bool SkipNullFields { get; init; }

    /// <summary><c>encode.decimal-as-plain-number</c>: DECIMAL values always plain; false writes them as Java's <c>BigDecimal.toString()</c>.</summary>
    public bool PlainDecimals { get; init; }

    /// <summary>The options every JSON-based format accepts.</summary>
    public static IEnumerable<ConnectorOption> CommonOptions()
    {
        yield return ConnectorOption.Optional(IgnoreParseErrors, OptionType.Boolean,
            "Skips records that do not parse (and counts them) instead of failing.", "false");
        yield return ConnectorOption.Choice(TimestampStandard,
            "How TIMESTAMP and TIMESTAMP_LTZ values are written: 'SQL' (yyyy-MM-dd HH:mm:ss.f) or 'ISO-8601' " +
            "(yyyy-MM-ddTHH:mm:ss.f); as in Flink, reading accepts only that form.", "SQL", "SQL", "ISO-8601");
        yield return ConnectorOption.Choice(MapNullKeyModeKey,
            "What writing a MAP with a null key does: 'FAIL', 'DROP' the entry, or write 'LITERAL'.", "FAIL", "FAIL", "DROP", "LITERAL");
        yield return ConnectorOption.Optional(MapNullKeyLiteral, OptionType.String,
            "The key written for a null MAP key when the mode is 'LITERAL'.", "null");
        yield return ConnectorOption.Optional(DecimalAsPlainNumber, OptionType.Boolean,
            "Writes DECIMAL values as plain numbers; false (as Flink, Java's BigDecimal.toString) writes those below 1E-6 in scientific notation (0.00000001 as 1E-8, a zero of scale 8 as 0E-8).", "false");
        yield return ConnectorOption.Optional(IgnoreNullFields, OptionType.Boolean, "Leaves null fields out of written objects.", "false");
    }

    public static JsonOptions Read(OptionReader options)
    {
        var failOnMissing = options.Descriptor.FindOption(FailOnMissingField) is not null && options.GetBoolean(FailOnMissingField);
        var ignoreErrors = options.GetBoolean(IgnoreParseErrors);
        if (failOnMissing && ignoreErrors)
        {
            throw new TableOptionException(
                $"Options '{options.FullKey(FailOnMissingField)}' and '{options.FullKey(IgnoreParseErrors)}' of " +
                $"{options.Descriptor} cannot both be true.", options.FullKey(FailOnMissingField), options.Descriptor.ToString());
        }

        return new JsonOptions
        {
            FailOnMissing = failOnMissing,
            IgnoreErrors = ignoreErrors,
            IsoTimestamps = options.GetOptionalChoice(TimestampStandard) == "ISO-8601",
            NullKeyMode = options.GetOptionalChoice(MapNullKeyModeKey) switch
            {
                "DROP" => MapNullKeyMode.Drop,
                "LITERAL" => MapNullKeyMode.Literal,
                _ => MapNullKeyMode.Fail,
            },
            NullKeyLiteral = options.GetString(MapNullKeyLiteral),
            SkipNullFields = options.GetBoolean(IgnoreNullFields),
            PlainDecimals = options.GetBoolean(DecimalAsPlainNumber),
        };
    }
}
