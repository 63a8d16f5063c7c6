using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Formats.Csv;

/// <summary>The options of the <c>csv</c> format, read once per decoder or encoder. Immutable.</summary>
internal sealed record CsvOptions
{
    public byte FieldDelimiter { get; init; } = (byte)',';

    /// <summary>The quote character, or null when quoting is disabled.</summary>
    public byte? Quote { get; init; } = (byte)'"';

    public byte? Escape { get; init; }

    public bool AllowComments { get; init; }

    public bool IgnoreParseErrors { get; init; }

    public byte[] ArrayElementDelimiter { get; init; } = ";"u8.ToArray();

    /// <summary>The UTF-8 text that stands for null, or null when none is set.</summary>
    public byte[]? NullLiteral { get; init; }

    public static CsvOptions Read(OptionReader options)
    {
        var quote = options.GetBoolean(CsvFormatFactory.DisableQuoteCharacter)
            ? null
            : (byte?)Ascii(options, CsvFormatFactory.QuoteCharacter, options.GetOptionalChar(CsvFormatFactory.QuoteCharacter) ?? '"');
        if (options.GetBoolean(CsvFormatFactory.DisableQuoteCharacter) && options.Contains(CsvFormatFactory.QuoteCharacter))
        {
            throw new TableOptionException(
                $"Format 'csv' cannot set '{options.FullKey(CsvFormatFactory.QuoteCharacter)}' when " +
                $"'{options.FullKey(CsvFormatFactory.DisableQuoteCharacter)}' is true.",
                options.FullKey(CsvFormatFactory.QuoteCharacter), options.Descriptor.ToString());
        }

        var escape = options.GetOptionalChar(CsvFormatFactory.EscapeCharacter);
        var arrayDelimiter = options.GetString(CsvFormatFactory.ArrayElementDelimiter);
        if (arrayDelimiter.Length == 0)
        {
            throw new TableOptionException($"Option '{options.FullKey(CsvFormatFactory.ArrayElementDelimiter)}' of format 'csv' must not be empty.",
                options.FullKey(CsvFormatFactory.ArrayElementDelimiter), options.Descriptor.ToString());
        }

        var nullLiteral = options.GetOptionalString(CsvFormatFactory.NullLiteral);
        return new CsvOptions
        {
            FieldDelimiter = Ascii(options, CsvFormatFactory.FieldDelimiter, options.GetOptionalChar(CsvFormatFactory.FieldDelimiter) ?? ','),
            Quote = quote,
            Escape = escape is { } e ? Ascii(options, CsvFormatFactory.EscapeCharacter, e) : null,
            AllowComments = options.GetBoolean(CsvFormatFactory.AllowComments),
            IgnoreParseErrors = options.GetBoolean(CsvFormatFactory.IgnoreParseErrors),
            ArrayElementDelimiter = System.Text.Encoding.UTF8.GetBytes(arrayDelimiter),
            NullLiteral = nullLiteral is null ? null : System.Text.Encoding.UTF8.GetBytes(nullLiteral),
        };
    }

    private static byte Ascii(OptionReader options, string key, char value)
    {
        if (value > 127 || value == '\n' || value == '\r')
        {
            throw new TableOptionException(
                $"Invalid value for option '{options.FullKey(key)}' of format 'csv': expected an ASCII character other than a line break.",
                options.FullKey(key), options.Descriptor.ToString());
        }

        return (byte)value;
    }
}
