using System.Buffers;
using System.Text.Json;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;

namespace Sluice.Formats.Json;

/// <summary>
/// Encodes each row as one JSON object on its own line; row kinds are not written (the format is insert-only).
/// Scratch buffers live for one <c>Encode</c> call: thread-safe.
/// </summary>
internal sealed class JsonEncoder : IBatchEncoder
{
    private readonly JsonEncodedText[] _names;
    private readonly JsonOptions _options;

    public JsonEncoder(Schema schema, JsonOptions options)
    {
        _names = JsonRowWriter.EncodeNames(schema);
        _options = options;
    }

    public void Encode(IBatch batch, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var records = batch as RecordBatch ?? throw new ArgumentException("The json format encodes RecordBatches.", nameof(batch));
        var rows = new JsonRowWriter(_names, _options);
        using var writer = JsonWriters.Create(output);
        for (var row = 0; row < records.RowCount; row++)
        {
            writer.Reset(output);
            rows.WriteRow(writer, records, records.PhysicalRow(row));
            JsonWriters.EndRecord(writer, output);
        }
    }
}
