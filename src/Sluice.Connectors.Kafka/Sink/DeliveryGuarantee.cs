namespace Sluice.Connectors.Kafka.Sink;

/// <summary>What the sink guarantees (<c>sink.delivery-guarantee</c>).</summary>
internal enum DeliveryGuarantee
{
    None,
    AtLeastOnce,
    ExactlyOnce,
}
