using System.Globalization;
using Confluent.Kafka;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Table;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>
/// Turns the records of one partition into <see cref="RecordBatch"/>es of the table's schema: the value format decodes
/// the value columns, the key format the key columns, and the metadata columns are filled from the record.
/// </summary>
/// <remarks>
/// <para>A record whose value decodes to no row (skipped by <c>ignore-parse-errors</c>, or a record without value in
/// <c>kafka</c>) yields no row. In <c>upsert-kafka</c> a record without value (a tombstone) yields a <c>-D</c> row with
/// the key columns set and the other columns null; a run of records is cut into batches at tombstones so that the
/// decoders' batches stay aligned row by row.</para>
/// <para><b>Threading.</b> Used by one reader's thread. <see cref="Dispose"/> returns the decoders' buffers.</para>
/// </remarks>
internal sealed class KafkaRowAssembler : IDisposable
{
    private readonly KafkaSourceOptions _options;
    private readonly KafkaRowLayout _layout;
    private readonly IBatchDecoder _value;
    private readonly IBatchDecoder? _key;
    private readonly ColumnVectorBuilder[] _metadata;
    private readonly List<RowKind> _kinds = [];
    private int _rows;
    private bool _tombstones;

    public KafkaRowAssembler(KafkaSourceOptions options)
    {
        _options = options;
        _layout = options.Layout;
        _value = options.CreateValueDecoder();
        _key = options.CreateKeyDecoder?.Invoke();
        _metadata = [.. _layout.Metadata.Select(m => ColumnVectorBuilder.Create(_layout.Schema[m.Index].DataType, 64))];
    }

    /// <summary>Decodes <paramref name="records"/> (of one partition, in offset order) and emits the batches.</summary>
    public void Decode(List<ConsumeResult<byte[]?, byte[]?>> records, Action<RecordBatch> emit)
    {
        foreach (var record in records)
        {
            var message = record.Message;
            var location = new RecordLocation(record.Topic + "-" + record.Partition.Value.ToString(CultureInfo.InvariantCulture),
                record.Offset.Value, "offset");
            if (message.Value is null)
            {
                if (!_options.Upsert)
                {
                    continue;
                }

                if (!_tombstones)
                {
                    Flush(emit);
                    _tombstones = true;
                }

                DecodeKey(message.Key, location, 1);
                AddRow(record, RowKind.Delete);
                continue;
            }

            if (_tombstones)
            {
                Flush(emit);
                _tombstones = false;
            }

            var before = _value.PendingRows;
            var added = _value.Decode(message.Value, location);
            if (added == 0)
            {
                continue;
            }

            DecodeKey(message.Key, location, added);
            for (var i = 0; i < added; i++)
            {
                AddRow(record, RowKind.Insert);
            }

            if (_value.PendingRows != before + added)
            {
                throw new InvalidOperationException("The value decoder's row count does not match what it reported.");
            }
        }

        Flush(emit);
    }

    public void Dispose()
    {
        _value.Dispose();
        _key?.Dispose();
        foreach (var builder in _metadata)
        {
            builder.Dispose();
        }
    }

    private void DecodeKey(byte[]? key, RecordLocation location, int times)
    {
        if (_key is null)
        {
            return;
        }

        if (key is null)
        {
            throw new ConnectorException("kafka",
                $"Table '{_options.TableName}': the record at {location} has no key, but the table reads key columns.",
                ErrorDomain.User, RetryHint.None);
        }

        for (var i = 0; i < times; i++)
        {
            if (_key.Decode(key, location) != 1)
            {
                throw new ConnectorException("kafka",
                    $"Table '{_options.TableName}': the key of the record at {location} did not decode to one row.",
                    ErrorDomain.User, RetryHint.None);
            }
        }
    }

    private void AddRow(ConsumeResult<byte[]?, byte[]?> record, RowKind kind)
    {
        _rows++;
        _kinds.Add(kind);
        for (var i = 0; i < _metadata.Length; i++)
        {
            _metadata[i].Append(MetadataValue(record, _layout.Metadata[i].Key));
        }
    }

    private static object? MetadataValue(ConsumeResult<byte[]?, byte[]?> record, string key)
    {
        var timestamp = record.Message.Timestamp;
        return key switch
        {
            KafkaMetadata.Topic => record.Topic,
            KafkaMetadata.Partition => record.Partition.Value,
            KafkaMetadata.Offset => record.Offset.Value,
            KafkaMetadata.Timestamp => timestamp.Type == TimestampType.NotAvailable
                ? null
                : DateTimeOffset.FromUnixTimeMilliseconds(timestamp.UnixTimestampMs),
            KafkaMetadata.TimestampType => timestamp.Type switch
            {
                TimestampType.CreateTime => "CreateTime",
                TimestampType.LogAppendTime => "LogAppendTime",
                _ => "NoTimestampType",
            },
            KafkaMetadata.Headers => Headers(record.Message.Headers),
            _ => null,
        };
    }

    private static KeyValuePair<object?, object?>[] Headers(Headers? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return [];
        }

        // A map keeps one value per key: the last header of a repeated key wins.
        var map = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            map[header.Key] = header.GetValueBytes();
        }

        return [.. map.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value))];
    }

    private void Flush(Action<RecordBatch> emit)
    {
        if (_rows == 0)
        {
            return;
        }

        var rows = _rows;
        _rows = 0;
        RecordBatch? value = null;
        RecordBatch? key = null;
        var columns = new ColumnVector[_layout.Schema.Count];
        RecordBatch batch;
        try
        {
            value = _tombstones ? null : _value.Flush();
            key = _key?.Flush();
            Check(value, rows, "value");
            Check(key, rows, "key");
            for (var i = 0; i < _layout.Metadata.Count; i++)
            {
                columns[_layout.Metadata[i].Index] = _metadata[i].Build();
            }

            for (var i = 0; i < _layout.ValueIndexes.Length && value is not null; i++)
            {
                columns[_layout.ValueIndexes[i]] = value.Column(i).Retain();
            }

            for (var i = 0; i < _layout.KeyIndexes.Length && key is not null; i++)
            {
                columns[_layout.KeyIndexes[i]] ??= key.Column(i).Retain();
            }

            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] is null)
                {
                    using var nulls = ColumnVectorBuilder.Create(_layout.Schema[i].DataType, rows);
                    for (var r = 0; r < rows; r++)
                    {
                        nulls.AppendNull();
                    }

                    columns[i] = nulls.Build();
                }
            }

            Span<RowKind> kinds = _kinds.Count == rows ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_kinds) : default;
            if (value is not null && value.HasRowKinds)
            {
                kinds = value.RowKinds.ToArray();
            }

            batch = new RecordBatch(_layout.Schema, columns, rows, kinds.IndexOfAnyExcept(RowKind.Insert) < 0 ? default : kinds);
        }
        catch
        {
            foreach (var column in columns)
            {
                column?.Dispose();
            }

            throw;
        }
        finally
        {
            _kinds.Clear();
            value?.Dispose();
            key?.Dispose();
        }

        emit(batch);
    }

    private static void Check(RecordBatch? batch, int rows, string part)
    {
        if (batch is not null && (batch.RowCount != rows || batch.HasSelection))
        {
            throw new InvalidOperationException($"The {part} decoder produced {batch.RowCount} rows for {rows} records.");
        }
    }
}
