using System.Buffers;
using System.Text.Json;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Formats.Json;

namespace Sluice.Formats.Debezium;

/// <summary>
/// Encodes changelog rows as Debezium change events, one per line (see <see cref="DebeziumJsonFormatFactory"/> for
/// the mapping of row kinds). Scratch buffers live for one <c>Encode</c> call: thread-safe.
/// </summary>
internal sealed class DebeziumJsonEncoder : IBatchEncoder
{
    private static readonly JsonEncodedText Before = JsonEncodedText.Encode("before");
    private static readonly JsonEncodedText After = JsonEncodedText.Encode("after");
    private static readonly JsonEncodedText Op = JsonEncodedText.Encode("op");

    private readonly JsonEncodedText[] _names;
    private readonly JsonOptions _options;

    public DebeziumJsonEncoder(Schema schema, JsonOptions options)
    {
        _names = JsonRowWriter.EncodeNames(schema);
        _options = options;
    }

    public void Encode(IBatch batch, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var records = batch as RecordBatch ?? throw new ArgumentException("The debezium-json format encodes RecordBatches.", nameof(batch));
        var rows = new JsonRowWriter(_names, _options);
        using var writer = JsonWriters.Create(output);
        for (var row = 0; row < records.RowCount; row++)
        {
            var physical = records.PhysicalRow(row);
            var additive = records.GetRowKind(physical).IsAdditive();
            writer.Reset(output);
            writer.WriteStartObject();
            writer.WritePropertyName(Before);
            if (additive)
            {
                writer.WriteNullValue();
            }
            else
            {
                rows.WriteRow(writer, records, physical);
            }

            writer.WritePropertyName(After);
            if (additive)
            {
                rows.WriteRow(writer, records, physical);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteString(Op, additive ? "c" : "d");
            writer.WriteEndObject();
            JsonWriters.EndRecord(writer, output);
        }
    }
}
