using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>
/// The <c>datagen</c> connector (<c>'connector' = 'datagen'</c>): a source of generated rows with Flink's options,
/// plus <c>seed</c>, a Sluice extension that makes the random values reproducible. See <see cref="DatagenSource"/>.
/// </summary>
public sealed class DatagenTableFactory : ITableSourceFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "datagen";

    internal const string RowsPerSecond = "rows-per-second";
    internal const string NumberOfRows = "number-of-rows";
    internal const string Seed = "seed";
    internal const string ScanParallelism = "scan.parallelism";

    private static readonly string[] FieldOptions = ["kind", "min", "max", "max-past", "length", "var-len", "start", "end", "null-rate"];

    /// <summary>The descriptor of the connector's options.</summary>
    public static ConnectorDescriptor ConnectorDescriptor { get; } = new(ConnectorName, DescriptorKind.Connector,
        "Generates rows: random values or sequences per column, at a given rate, bounded or not.",
        [
            ConnectorOption.Optional(RowsPerSecond, OptionType.Long, "The rows generated per second by the whole source.", "10000"),
            ConnectorOption.Optional(NumberOfRows, OptionType.Long, "The rows to generate; the source is unbounded when unset (and no sequence ends it)."),
            ConnectorOption.Optional(Seed, OptionType.Long,
                "Sluice extension: the seed of the random values. A seeded source generates the same rows at any parallelism " +
                "and after restores; unset, a random seed is chosen when the job starts (and kept in its checkpoints)."),
            ConnectorOption.Optional(ScanParallelism, OptionType.Int, "The parallelism of the source (default: the job's)."),
            ConnectorOption.Choice("fields.#.kind", "How the column is filled: 'random' or 'sequence'.", "random", "random", "sequence"),
            ConnectorOption.Optional("fields.#.min", OptionType.String, "The smallest random value of a numeric column (default: the type's minimum)."),
            ConnectorOption.Optional("fields.#.max", OptionType.String, "The largest random value of a numeric column (default: the type's maximum)."),
            ConnectorOption.Optional("fields.#.max-past", OptionType.Duration,
                "Random TIMESTAMP, TIMESTAMP_LTZ and DATE values lie up to this far before the job's start.", "0"),
            ConnectorOption.Optional("fields.#.length", OptionType.Int,
                "The length of random strings and bytes (default 100), or the size of random collections (default 3)."),
            ConnectorOption.Optional("fields.#.var-len", OptionType.Boolean, "Random strings and bytes get a random length from 1 to 'length'.", "false"),
            ConnectorOption.Optional("fields.#.start", OptionType.String, "The first value of a sequence (required for sequences)."),
            ConnectorOption.Optional("fields.#.end", OptionType.String, "The last value of a sequence, inclusive (required for sequences)."),
            ConnectorOption.Optional("fields.#.null-rate", OptionType.Double, "The fraction of rows where the column is null.", "0"),
        ]);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetOptions(ConnectorDescriptor);
        var fields = new Dictionary<string, DatagenFieldOptions>(StringComparer.Ordinal);
        foreach (var option in FieldOptions)
        {
            foreach (var name in options.GetTemplateValues($"fields.#.{option}"))
            {
                if (context.Schema.IndexOf(name) < 0)
                {
                    throw new TableOptionException(
                        $"Option 'fields.{name}.{option}' of connector 'datagen' refers to column `{name}`, which table " +
                        $"'{context.TableName}' does not have. Its columns: {context.Schema}.", $"fields.{name}.{option}", "connector 'datagen'");
                }

                fields.TryAdd(name, ReadField(options, name));
            }
        }

        var source = new DatagenSource(context.Schema, new DatagenOptions
        {
            RowsPerSecond = options.GetOptionalInt64(RowsPerSecond) ?? 10_000,
            NumberOfRows = options.GetOptionalInt64(NumberOfRows),
            Seed = options.GetOptionalInt64(Seed),
            Fields = fields,
            TimeZone = context.SessionTimeZone,
        }, context.Clock);
        return new TableSource(context.Schema, ChangelogMode.InsertOnly, new SourceHandle<DatagenSplit>(source));
    }

    private static DatagenFieldOptions ReadField(OptionReader options, string name)
    {
        string Key(string option) => $"fields.{name}.{option}";
        return new DatagenFieldOptions
        {
            Kind = options.GetOptionalChoice(Key("kind")) == "sequence" ? DatagenKind.Sequence : DatagenKind.Random,
            Min = options.GetOptionalString(Key("min")),
            Max = options.GetOptionalString(Key("max")),
            MaxPast = options.GetOptionalDuration(Key("max-past")) ?? TimeSpan.Zero,
            Length = options.GetOptionalInt32(Key("length")),
            VariableLength = options.GetBoolean(Key("var-len")),
            Start = options.GetOptionalString(Key("start")),
            End = options.GetOptionalString(Key("end")),
            NullRate = options.GetOptionalDouble(Key("null-rate")) ?? 0,
        };
    }
}
