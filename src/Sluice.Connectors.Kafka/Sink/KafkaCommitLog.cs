using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Kafka.Sink;

/// <summary>
/// The bookkeeping of exactly-once commits: every commit transaction also writes one record to partition 0 of the
/// commit-log topic, key <c>&lt;prefix&gt;/&lt;subtask&gt;</c> and value the checkpoint id (decimal text), so the
/// record is visible exactly when the checkpoint's records are. A restored committer reads the log (read_committed)
/// to learn which checkpoints were committed before a crash.
/// </summary>
internal static class KafkaCommitLog
{
    /// <summary>The commit-log record of <paramref name="subtask"/> committing <paramref name="checkpointId"/>.</summary>
    public static Message<byte[]?, byte[]?> Marker(string prefix, int subtask, long checkpointId) => new()
    {
        Key = Encoding.UTF8.GetBytes(Key(prefix, subtask)),
        Value = Encoding.UTF8.GetBytes(checkpointId.ToString(CultureInfo.InvariantCulture)),
    };

    /// <summary>The key of a subtask's commit-log records.</summary>
    public static string Key(string prefix, int subtask) => prefix + "/" + subtask.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The highest committed checkpoint id of every subtask of the sink's prefix (read with read_committed up
    /// to the end of the log as of now); subtasks without a commit are absent.
    /// </summary>
    /// <exception cref="ConnectorException">The log cannot be read.</exception>
    public static Dictionary<int, long> ReadCommitted(KafkaSinkOptions options)
    {
        var result = new Dictionary<int, long>();
        var properties = new Dictionary<string, string>(options.Properties, StringComparer.Ordinal) { ["isolation.level"] = "read_committed" };
        using var consumer = KafkaClients.CreateConsumer(properties);
        var partition = new TopicPartition(options.CommitLogTopic, 0);
        var deadline = DateTime.UtcNow + options.RequestTimeout;
        try
        {
            if (KafkaClients.ListPartitions(consumer, [options.CommitLogTopic], _ => true, options.RequestTimeout).Count == 0)
            {
                return result;
            }

            var end = consumer.QueryWatermarkOffsets(partition, options.RequestTimeout).High.Value;
            if (end <= 0)
            {
                return result;
            }

            consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
            var keyPrefix = options.TransactionalIdPrefix + "/";
            while (true)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record is null)
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new ConnectorException("kafka",
                            $"Table '{options.TableName}': timed out reading the commit log '{options.CommitLogTopic}' up to offset {end}.",
                            ErrorDomain.External, RetryHint.WithBackoff);
                    }

                    continue;
                }

                if (record.IsPartitionEOF)
                {
                    if (record.Offset.Value >= end)
                    {
                        break;
                    }

                    continue;
                }

                var key = record.Message.Key is null ? null : Encoding.UTF8.GetString(record.Message.Key);
                if (key is not null && key.StartsWith(keyPrefix, StringComparison.Ordinal)
                    && int.TryParse(key.AsSpan(keyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var subtask)
                    && record.Message.Value is { } value
                    && long.TryParse(Encoding.UTF8.GetString(value), NumberStyles.None, CultureInfo.InvariantCulture, out var checkpoint))
                {
                    result[subtask] = Math.Max(result.GetValueOrDefault(subtask, -1), checkpoint);
                }

                if (record.Offset.Value + 1 >= end)
                {
                    break;
                }
            }

            return result;
        }
        catch (KafkaException ex)
        {
            throw new ConnectorException("kafka",
                $"Table '{options.TableName}': cannot read the commit log '{options.CommitLogTopic}': {ex.Error.Reason}",
                ErrorDomain.External, RetryHint.WithBackoff, ex);
        }
        finally
        {
            consumer.Close();
        }
    }
}
