using Sluice.Connectors.Abstractions.Formats;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Formats.Json;

namespace Sluice.Formats.Debezium;

/// <summary>
/// The <c>debezium-json</c> changelog format: each record is a Debezium change event
/// <c>{"before": {...}, "after": {...}, "op": "c|r|u|d"}</c> (with <c>debezium-json.schema-include</c>, wrapped as
/// <c>{"schema": ..., "payload": {...}}</c>). Values inside <c>before</c>/<c>after</c> follow the <c>json</c> format.
/// </summary>
/// <remarks>
/// <para><b>Reading.</b> <c>c</c> (create) and <c>r</c> (snapshot read) give <c>+I</c> of <c>after</c>; <c>u</c> gives
/// <c>-U</c> of <c>before</c> and <c>+U</c> of <c>after</c>; <c>d</c> gives <c>-D</c> of <c>before</c>. An update or
/// delete without <c>before</c> does not parse (for Postgres, set the table's <c>REPLICA IDENTITY</c> to
/// <c>FULL</c>). Empty records and <c>null</c> (Kafka tombstones) are skipped.</para>
/// <para><b>Writing</b> (as Flink): <c>+I</c> and <c>+U</c> become <c>{"before":null,"after":{...},"op":"c"}</c>,
/// <c>-U</c> and <c>-D</c> become <c>{"before":{...},"after":null,"op":"d"}</c>; an update therefore reads back as a
/// delete and an insert. Writing the schema (<c>schema-include</c>) is not supported.</para>
/// </remarks>
public sealed class DebeziumJsonFormatFactory : IFormatFactory
{
    /// <summary>The format's name.</summary>
    public const string FormatName = "debezium-json";

    internal const string SchemaInclude = "schema-include";

    /// <summary>The descriptor of the format's options.</summary>
    public static ConnectorDescriptor FormatDescriptor { get; } = new(FormatName, DescriptorKind.Format,
        "Debezium change events in JSON, read into and written from changelog rows (+I, -U, +U, -D).",
        [
            ConnectorOption.Optional(SchemaInclude, OptionType.Boolean,
                "The events are wrapped as {\"schema\": ..., \"payload\": ...} (Kafka Connect's JSON converter with schemas enabled).",
                "false"),
            .. JsonOptions.CommonOptions(),
        ]);

    /// <inheritdoc />
    public string Name => FormatName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => FormatDescriptor;

    /// <inheritdoc />
    public ChangelogMode ChangelogMode => ChangelogMode.All;

    /// <inheritdoc />
    public IBatchDecoder CreateDecoder(Schema schema, OptionReader options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        return new DebeziumJsonDecoder(schema, JsonOptions.Read(options), options.GetBoolean(SchemaInclude));
    }

    /// <inheritdoc />
    public IBatchEncoder CreateEncoder(Schema schema, OptionReader options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        if (options.GetBoolean(SchemaInclude))
        {
            throw new TableOptionException(
                $"The 'debezium-json' format cannot write the schema: '{options.FullKey(SchemaInclude)}' = 'true' is only supported for reading.",
                options.FullKey(SchemaInclude), options.Descriptor.ToString());
        }

        return new DebeziumJsonEncoder(schema, JsonOptions.Read(options));
    }
}
