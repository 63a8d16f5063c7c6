using System.Buffers;
using System.Text.Json;
using Sluice.Core.Serialization;

namespace Sluice.Formats.Json;

/// <summary>
/// Creates the <see cref="Utf8JsonWriter"/>s of the JSON encoders: compact, strings escaped as Jackson escapes them
/// (<see cref="JacksonJsonEncoder"/>: non-ASCII text, also outside the BMP, left unescaped).
/// </summary>
internal static class JsonWriters
{
    private static readonly JsonWriterOptions Options = JacksonJsonEncoder.CompactWriterOptions;

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
