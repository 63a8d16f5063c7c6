using System.Buffers;
using System.Text;
using System.Text.Json;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Output;

/// <summary>
/// The <c>json</c> output: one JSON object per change and line, <c>{"op":"+I","row":{"col":value,...}}</c>, with the
/// ops <c>+I</c>, <c>-U</c>, <c>+U</c>, <c>-D</c>, the columns in schema order and values as
/// <see cref="ResultJson"/> writes them. The output is flushed after every batch, so a reader of a pipe sees
/// changes as they happen.
/// </summary>
internal sealed class JsonChangelogFormatter : ResultFormatter
{
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText[] _names;
    private static readonly JsonEncodedText OpName = JsonEncodedText.Encode("op");
    private static readonly JsonEncodedText RowName = JsonEncodedText.Encode("row");

    /// <summary>Creates the formatter.</summary>
    public JsonChangelogFormatter(TextWriter output, Schema schema, ResultText text)
        : base(schema, text)
    {
        _output = output;
        _writer = new Utf8JsonWriter(_buffer, ResultJson.Options);
        _names = [.. schema.Fields.Select(f => JsonEncodedText.Encode(f.Name, ResultJson.Options.Encoder))];
    }

    /// <inheritdoc />
    public override void Complete() => _output.Flush();

    /// <inheritdoc />
    protected override void WriteBatchCore(RecordBatch batch)
    {
        _buffer.ResetWrittenCount();
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _writer.WriteString(OpName, batch.GetRowKind(row).ToShortString());
            _writer.WritePropertyName(RowName);
            _writer.WriteStartObject();
            for (var c = 0; c < _names.Length; c++)
            {
                _writer.WritePropertyName(_names[c]);
                ResultJson.Write(_writer, Text, batch.Column(c), row);
            }

            _writer.WriteEndObject();
            _writer.WriteEndObject();
            _writer.Flush();
            _buffer.Write("\n"u8);
        }

        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _output.Flush();
    }
}
