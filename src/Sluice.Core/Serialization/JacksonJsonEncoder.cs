using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace Sluice.Core.Serialization;

/// <summary>
/// The string escaping of Flink's JSON (Jackson's defaults): only <c>"</c>, <c>\</c> and the control characters below
/// U+0020 are escaped (<c>\b \t \n \f \r</c>, others as <c>\u00XX</c>); every other character, also outside the Basic
/// Multilingual Plane and HTML-sensitive ones like <c>&lt;&gt;&amp;'+</c>, is written as it is (UTF-8). Invalid UTF-8
/// becomes U+FFFD.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class JacksonJsonEncoder : JavaScriptEncoder
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>The one instance.</summary>
    public static JacksonJsonEncoder Instance { get; } = new();

    /// <summary>
    /// Options of a compact <see cref="System.Text.Json.Utf8JsonWriter"/> escaping as Jackson does, for writers whose
    /// structure the caller guarantees (no validation): the JSON formats' records and a <c>VARIANT</c>'s JSON text.
    /// </summary>
    public static System.Text.Json.JsonWriterOptions CompactWriterOptions { get; } = new()
    {
        Encoder = Instance,
        Indented = false,
        SkipValidation = true,
    };

    private JacksonJsonEncoder()
    {
    }

    /// <inheritdoc />
    public override int MaxOutputCharactersPerInputCharacter => 6;

    /// <inheritdoc />
    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    /// <inheritdoc />
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        for (var i = 0; i < utf8Text.Length;)
        {
            var b = utf8Text[i];
            if (b < 0x80)
            {
                if (WillEncode(b))
                {
                    return i;
                }

                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(utf8Text[i..], out _, out var length) != OperationStatus.Done)
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    /// <inheritdoc />
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            return new Rune(unicodeScalar).TryEncodeToUtf16(output, out numberOfCharactersWritten);
        }

        ReadOnlySpan<char> escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\t' => "\\t",
            '\n' => "\\n",
            '\f' => "\\f",
            '\r' => "\\r",
            _ => ['\\', 'u', '0', '0', Hex[unicodeScalar >> 4], Hex[unicodeScalar & 0xF]],
        };

        if (!escape.TryCopyTo(output))
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
