using System.Buffers;
using System.Text;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Formats.Tests.Conformance;

/// <summary>Helpers for format tests: option readers, decoding text, encoding rows.</summary>
internal static class FormatTestSupport
{
    public static Field F(string name, DataType type) => new(name, type);

    public static OptionReader Options(IFormatFactory factory, params (string Key, string Value)[] options) =>
        new(options.ToDictionary(o => factory.Name + "." + o.Key, o => o.Value), factory.Descriptor, factory.Name + ".");

    /// <summary>Decodes every line of <paramref name="text"/> (location "file test.txt, line N") and returns the rows.</summary>
    public static string[] DecodeLines(IBatchDecoder decoder, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var rest = bytes.AsSpan();
        var line = 1L;
        while (decoder.TryFrame(rest, isFinalBlock: true, out var length, out var consumed))
        {
            decoder.Decode(rest[..length], RecordLocation.Line("file test.txt", line));
            line += rest[..consumed].Count((byte)'\n');
            rest = rest[consumed..];
        }

        using var batch = decoder.Flush();
        return batch?.ToRowStrings() ?? [];
    }

    public static string Encode(Sluice.Connectors.Abstractions.Formats.IBatchEncoder encoder, Schema schema, params object?[][] rows)
    {
        using var builder = new RecordBatchBuilder(schema);
        foreach (var row in rows)
        {
            builder.AppendRow(row);
        }

        using var batch = builder.Build();
        var output = new ArrayBufferWriter<byte>();
        encoder.Encode(batch, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static object?[] Row(params object?[] values) => values;

    public static KeyValuePair<object?, object?>[] Map(params (object? Key, object? Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)).ToArray();
}
