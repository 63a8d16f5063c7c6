using System.Buffers;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Connectors.Kafka.Table;
using Sluice.Core.Batches;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Kafka.Sink;

/// <summary>
/// Encodes the rows of a batch into Kafka records: one record per row, the key columns through the key format, the
/// value columns through the value format (without the line terminator the formats add), and the writable metadata
/// columns (<c>timestamp</c>, <c>headers</c>) into the record's timestamp and headers.
/// </summary>
/// <remarks>
/// In <c>upsert-kafka</c>, <c>-U</c> rows are dropped and <c>-D</c> rows become tombstones (a key without value).
/// Each row is encoded through a one-row selection of a view that shares the batch's columns, so no rows are copied.
/// Not thread-safe: one writer's.
/// </remarks>
internal sealed class KafkaRowEncoder(KafkaSinkOptions options)
{
    private readonly KafkaRowLayout _layout = options.Layout;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly int[] _row = new int[1];

    /// <summary>Encodes every row of <paramref name="batch"/>; <paramref name="add"/> receives each record with partition -1.</summary>
    public void Encode(RecordBatch batch, Action<KafkaRecord> add)
    {
        RecordBatch? value = View(batch, _layout.ValueIndexes, _layout.ValueSchema);
        RecordBatch? key = _layout.KeySchema is null ? null : View(batch, _layout.KeyIndexes, _layout.KeySchema);
        var timestampColumn = -1;
        var headersColumn = -1;
        foreach (var (index, metadataKey) in _layout.Metadata)
        {
            if (metadataKey == KafkaMetadata.Timestamp)
            {
                timestampColumn = index;
            }
            else if (metadataKey == KafkaMetadata.Headers)
            {
                headersColumn = index;
            }
        }

        try
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                var physical = batch.PhysicalRow(row);
                var kind = batch.GetRowKind(physical);
                byte[]? valueBytes = null;
                if (options.Upsert)
                {
                    if (kind == RowKind.UpdateBefore)
                    {
                        continue;
                    }

                    if (kind != RowKind.Delete)
                    {
                        valueBytes = EncodeRow(ref value, physical, options.ValueEncoder);
                    }
                }
                else
                {
                    valueBytes = EncodeRow(ref value, physical, options.ValueEncoder);
                }

                var keyBytes = key is null ? null : EncodeRow(ref key, physical, options.KeyEncoder!);
                add(new KafkaRecord(-1, keyBytes, valueBytes, Timestamp(batch, timestampColumn, physical), Headers(batch, headersColumn, physical)));
            }
        }
        finally
        {
            value?.Dispose();
            key?.Dispose();
        }
    }

    private static RecordBatch View(RecordBatch batch, int[] indexes, Core.Schemas.Schema schema)
    {
        var columns = new ColumnVector[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            columns[i] = batch.Column(indexes[i]).Retain();
        }

        return new RecordBatch(schema, columns, batch.PhysicalRowCount, batch.HasRowKinds ? batch.RowKinds : default);
    }

    private byte[] EncodeRow(ref RecordBatch? view, int physicalRow, IBatchEncoder encoder)
    {
        _row[0] = physicalRow;
        view = view!.WithSelection(_row);
        _buffer.ResetWrittenCount();
        encoder.Encode(view, _buffer);
        var bytes = _buffer.WrittenSpan;
        if (!bytes.IsEmpty && bytes[^1] == (byte)'\n')
        {
            bytes = bytes[..^1];
            if (!bytes.IsEmpty && bytes[^1] == (byte)'\r')
            {
                bytes = bytes[..^1];
            }
        }

        return bytes.ToArray();
    }

    private static long? Timestamp(RecordBatch batch, int column, int physicalRow)
    {
        if (column < 0)
        {
            return null;
        }

        return batch.Column(column).GetValue(physicalRow) switch
        {
            DateTimeOffset dto => dto.ToUnixTimeMilliseconds(),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
            long millis => millis,
            _ => null,
        };
    }

    private static List<KeyValuePair<string, byte[]?>>? Headers(RecordBatch batch, int column, int physicalRow)
    {
        if (column < 0 || batch.Column(column) is not MapVector map || map.IsNull(physicalRow))
        {
            return null;
        }

        var (start, count) = map.GetRange(physicalRow);
        var headers = new List<KeyValuePair<string, byte[]?>>(count);
        for (var i = start; i < start + count; i++)
        {
            var name = map.Keys.GetValue(i)?.ToString();
            if (name is null)
            {
                continue;
            }

            headers.Add(new KeyValuePair<string, byte[]?>(name, map.Values.GetValue(i) switch
            {
                byte[] bytes => bytes,
                string text => System.Text.Encoding.UTF8.GetBytes(text),
                _ => null,
            }));
        }

        return headers;
    }
}
