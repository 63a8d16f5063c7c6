using Confluent.Kafka;

namespace Sluice.Connectors.Kafka.Sink;

/// <summary>Produces records, waiting for room when the client's local queue is full.</summary>
internal static class KafkaProducing
{
    public static Message<byte[]?, byte[]?> ToMessage(KafkaRecord record)
    {
        var message = new Message<byte[]?, byte[]?>
        {
            Key = record.Key,
            Value = record.Value,
            Timestamp = record.Timestamp is { } ms ? new Timestamp(ms, TimestampType.CreateTime) : Timestamp.Default,
        };
        if (record.Headers is { Count: > 0 } headers)
        {
            message.Headers = [];
            foreach (var (key, value) in headers)
            {
                message.Headers.Add(key, value);
            }
        }

        return message;
    }

    public static void Produce(IProducer<byte[]?, byte[]?> producer, TopicPartition target, Message<byte[]?, byte[]?> message,
        Action<DeliveryReport<byte[]?, byte[]?>>? onDelivery)
    {
        while (true)
        {
            try
            {
                producer.Produce(target, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
