using Sluice.Connectors.Abstractions.Formats;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Formats.Csv;

/// <summary>
/// The <c>csv</c> format (RFC 4180 with Flink's options): one row per record; fields separated by
/// <c>csv.field-delimiter</c>, quoted with <c>csv.quote-character</c> when they contain the delimiter, a quote or a
/// line break (a quoted field may span lines). Insert-only.
/// </summary>
/// <remarks>
/// <para><b>Values.</b> Numbers in decimal text (<c>1.0E10</c> accepted); BOOLEAN <c>true</c>/<c>false</c>; DECIMAL
/// plain; BYTES base64; DATE <c>yyyy-MM-dd</c>; TIME <c>HH:mm:ss[.f]</c>; TIMESTAMP <c>yyyy-MM-dd HH:mm:ss[.f]</c>
/// (<c>T</c> accepted); TIMESTAMP_LTZ the same in UTC with <c>Z</c> (offsets accepted); intervals as SQL prints them
/// (<c>+1-02</c>, <c>+3 04:05:06.000000</c>); ARRAY and ROW as their elements (fields) joined by
/// <c>csv.array-element-delimiter</c>. MAP and MULTISET are not supported (as in Flink).</para>
/// <para><b>Nulls.</b> A field equal to <c>csv.null-literal</c> is null. Without it, an empty field is null for every
/// type except strings and bytes, where it is the empty value; nulls are written as empty fields.</para>
/// <para><b>Records.</b> Empty lines, and with <c>csv.allow-comments</c> lines starting with <c>#</c>, are skipped.
/// A record with more or fewer fields than the table has columns does not parse, except that with
/// <c>csv.ignore-parse-errors</c> the missing fields of a shorter record are null (as in Flink).</para>
/// </remarks>
public sealed class CsvFormatFactory : IFormatFactory
{
    /// <summary>The format's name.</summary>
    public const string FormatName = "csv";

    internal const string FieldDelimiter = "field-delimiter";
    internal const string DisableQuoteCharacter = "disable-quote-character";
    internal const string QuoteCharacter = "quote-character";
    internal const string AllowComments = "allow-comments";
    internal const string IgnoreParseErrors = "ignore-parse-errors";
    internal const string ArrayElementDelimiter = "array-element-delimiter";
    internal const string EscapeCharacter = "escape-character";
    internal const string NullLiteral = "null-literal";
    internal const string WriteBigDecimalInScientificNotation = "write-bigdecimal-in-scientific-notation";

    /// <summary>The descriptor of the format's options.</summary>
    public static ConnectorDescriptor FormatDescriptor { get; } = new(FormatName, DescriptorKind.Format,
        "Comma-separated values, one row per line (quoted fields may span lines).",
        [
            ConnectorOption.Optional(FieldDelimiter, OptionType.Char, "The field delimiter (a single character; '\\t' for a tab).", ","),
            ConnectorOption.Optional(DisableQuoteCharacter, OptionType.Boolean, "Disables quoting: fields are never quoted.", "false"),
            ConnectorOption.Optional(QuoteCharacter, OptionType.Char, "The character that encloses field values.", "\""),
            ConnectorOption.Optional(AllowComments, OptionType.Boolean, "Skips lines that start with '#'.", "false"),
            ConnectorOption.Optional(IgnoreParseErrors, OptionType.Boolean,
                "Skips records that do not parse (and counts them) instead of failing; the missing fields of a record with fewer fields are null.", "false"),
            ConnectorOption.Optional(ArrayElementDelimiter, OptionType.String, "Separates the elements of ARRAY and the fields of ROW values.", ";"),
            ConnectorOption.Optional(EscapeCharacter, OptionType.Char, "A character that makes the next character literal (none by default)."),
            ConnectorOption.Optional(NullLiteral, OptionType.String, "A field equal to this text is null; nulls are written as it (none by default)."),
            ConnectorOption.Optional(WriteBigDecimalInScientificNotation, OptionType.Boolean,
                "Accepted for compatibility; DECIMAL values are always written in plain notation.", "true"),
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
        CheckTypes(schema);
        return new CsvDecoder(schema, CsvOptions.Read(options));
    }

    /// <inheritdoc />
    public IBatchEncoder CreateEncoder(Schema schema, OptionReader options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        CheckTypes(schema);
        return new CsvEncoder(schema, CsvOptions.Read(options));
    }

    private static void CheckTypes(Schema schema)
    {
        foreach (var field in schema.Fields)
        {
            var type = field.DataType;
            var nested = type.TypeId switch
            {
                TypeId.Array => [type.ElementType!],
                TypeId.Row => type.Fields.Select(f => f.DataType).ToArray(),
                _ => Array.Empty<DataType>(),
            };
            var unsupported = type.TypeId is TypeId.Map or TypeId.Multiset or TypeId.Null or TypeId.Variant
                ? type
                : nested.FirstOrDefault(t => t.IsNested || t.TypeId is TypeId.Null or TypeId.Variant);
            if (unsupported is not null)
            {
                throw new TableOptionException(
                    $"The 'csv' format does not support the type {unsupported} (column `{field.Name}`): " +
                    "it supports scalar columns and ARRAY or ROW of scalars; use 'json' for other nested types.",
                    null, "format 'csv'");
            }
        }
    }
}
