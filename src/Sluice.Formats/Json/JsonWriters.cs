using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sluice.Formats.Json;

/// <summary>Creates the <see cref="Utf8JsonWriter"/>s of the JSON encoders: compact, non-ASCII text left unescaped (as Jackson writes it).</summary>
internal static class JsonWriters
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>A writer over <paramref name="output"/> (reset it with <see cref="Utf8JsonWriter.Reset(IBufferWriter{byte})"/> per record).</summary>
    public static Utf8JsonWriter Create(IBufferWriter<byte> output) => new(output, Options);

    /// <summary>Flushes the record and ends it with a line break.</summary>
    public static void EndRecord(Utf8JsonWriter writer, IBufferWriter<byte> output)
    {
        writer.Flush();
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }
}
