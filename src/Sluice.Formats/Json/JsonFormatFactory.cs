using Sluice.Connectors.Abstractions.Formats;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;

namespace Sluice.Formats.Json;

/// <summary>
/// The <c>json</c> format: one JSON object per record (per line in files), fields matched to columns by name
/// (case-sensitive; unknown fields ignored). Insert-only.
/// </summary>
/// <remarks>
/// <para><b>Values.</b> Numbers as JSON numbers (or strings holding a number); BOOLEAN as <c>true</c>/<c>false</c>;
/// DECIMAL as a plain JSON number; STRING from a string, or the JSON text of any other value; BYTES as base64
/// strings; DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ as strings (see <c>json.timestamp-format.standard</c>; LTZ ends in
/// <c>Z</c>); intervals as strings (<c>+1-02</c>, <c>+3 04:05:06.000000</c>) or numbers (months, milliseconds);
/// ARRAY as arrays; MAP and ROW as objects; MULTISET as an object from element to count. FLOAT/DOUBLE NaN and
/// infinities are written as strings.</para>
/// <para><b>Missing fields</b> are null unless <c>json.fail-on-missing-field</c> is set. Empty records are skipped.</para>
/// </remarks>
public sealed class JsonFormatFactory : IFormatFactory
{
    /// <summary>The format's name.</summary>
    public const string FormatName = "json";

    /// <summary>The descriptor of the format's options.</summary>
    public static ConnectorDescriptor FormatDescriptor { get; } = new(FormatName, DescriptorKind.Format,
        "One JSON object per record (per line in files).",
        [
            ConnectorOption.Optional(JsonOptions.FailOnMissingField, OptionType.Boolean,
                "Fails on a record without a field for some column (instead of reading null).", "false"),
            .. JsonOptions.CommonOptions(),
        ]);

    /// <inheritdoc />
    public string Name => FormatName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => FormatDescriptor;

    /// <inheritdoc />
    public ChangelogMode ChangelogMode => ChangelogMode.InsertOnly;

    /// <inheritdoc />
    public IBatchDecoder CreateDecoder(Schema schema, OptionReader options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        return new JsonDecoder(schema, JsonOptions.Read(options));
    }

    /// <inheritdoc />
    public IBatchEncoder CreateEncoder(Schema schema, OptionReader options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        return new JsonEncoder(schema, JsonOptions.Read(options));
    }
}
