using System.Text;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Formats.Raw;

/// <summary>
/// The <c>raw</c> format: each record is the value of the table's single physical column. STRING/CHAR/VARCHAR are
/// text in <c>raw.charset</c>; BYTES/BINARY/VARBINARY are the bytes as they are; BOOLEAN, TINYINT, SMALLINT, INT,
/// BIGINT, FLOAT and DOUBLE are their binary encoding in <c>raw.endianness</c> (for message-based connectors).
/// Insert-only.
/// </summary>
/// <remarks>
/// In line-based connectors (files) a record is a line, so values must not contain line breaks, and a null is written
/// as an empty line (which reads back as an empty string, or as null for the numeric types).
/// </remarks>
public sealed class RawFormatFactory : IFormatFactory
{
    /// <summary>The format's name.</summary>
    public const string FormatName = "raw";

    internal const string Charset = "charset";
    internal const string Endianness = "endianness";

    /// <summary>The descriptor of the format's options.</summary>
    public static ConnectorDescriptor FormatDescriptor { get; } = new(FormatName, DescriptorKind.Format,
        "Each record is the value of the table's single column, as text or bytes.",
        [
            ConnectorOption.Optional(Charset, OptionType.String, "The character set of text values.", "UTF-8"),
            ConnectorOption.Choice(Endianness, "The byte order of numeric values.", "big-endian", "big-endian", "little-endian"),
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
        var (encoding, bigEndian) = Read(schema, options);
        return new RawDecoder(schema, encoding, bigEndian);
    }

    /// <inheritdoc />
    public IBatchEncoder CreateEncoder(Schema schema, OptionReader options)
    {
        var (encoding, bigEndian) = Read(schema, options);
        return new RawEncoder(schema, encoding, bigEndian);
    }

    private static (Encoding Encoding, bool BigEndian) Read(Schema schema, OptionReader options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        if (schema.Count != 1)
        {
            throw new TableOptionException(
                $"The 'raw' format needs exactly one physical column, but the table has {schema.Count}: {schema}.", null, "format 'raw'");
        }

        var type = schema[0].DataType;
        if (type.TypeId is not (TypeId.Char or TypeId.VarChar or TypeId.Binary or TypeId.VarBinary or TypeId.Boolean or TypeId.TinyInt
            or TypeId.SmallInt or TypeId.Int or TypeId.BigInt or TypeId.Float or TypeId.Double))
        {
            throw new TableOptionException(
                $"The 'raw' format does not support the type {type} (column `{schema[0].Name}`): use a string, binary, boolean or numeric column.",
                null, "format 'raw'");
        }

        var charset = options.GetString(Charset);
        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(charset);
        }
        catch (ArgumentException ex)
        {
            throw new TableOptionException($"Invalid value '{charset}' for option '{options.FullKey(Charset)}' of format 'raw': " +
                "unknown character set (supported: UTF-8, UTF-16, UTF-16BE, UTF-32, US-ASCII, ISO-8859-1).",
                options.FullKey(Charset), "format 'raw'", ex);
        }

        return (encoding, options.GetOptionalChoice(Endianness) != "little-endian");
    }
}
