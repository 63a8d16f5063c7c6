using Sluice.Core.Batches;

namespace Sluice.Core.Messages;

/// <summary>
/// One message on a channel: data (<see cref="Batch"/>) and control (watermark, idleness, barrier,
/// end of input) share one small sum type, so they stay in order on the channel.
/// </summary>
public readonly struct StreamMessage
{
    private readonly long _value;
    private readonly long _timestamp;
    private readonly CheckpointOptions _options;

    private StreamMessage(MessageKind kind, IBatch? batch, long value, long timestamp, CheckpointOptions options)
    {
        Kind = kind;
        Batch = batch;
        _value = value;
        _timestamp = timestamp;
        _options = options;
    }

    /// <summary>What this message is.</summary>
    public MessageKind Kind { get; }

    /// <summary>The batch, when <see cref="Kind"/> is <see cref="MessageKind.Batch"/>; ownership travels with the message.</summary>
    public IBatch? Batch { get; }

    /// <summary>The watermark, when <see cref="Kind"/> is <see cref="MessageKind.Watermark"/>.</summary>
    public Watermark Watermark => new(_value);

    /// <summary>The barrier, when <see cref="Kind"/> is <see cref="MessageKind.Barrier"/>.</summary>
    public CheckpointBarrier Barrier => new(_value, _timestamp, _options);

    /// <summary>A data message.</summary>
    public static StreamMessage OfBatch(IBatch batch) => new(MessageKind.Batch, batch, 0, 0, default);

    /// <summary>A watermark message.</summary>
    public static StreamMessage OfWatermark(Watermark watermark) => new(MessageKind.Watermark, null, watermark.Timestamp, 0, default);

    /// <summary>A barrier message.</summary>
    public static StreamMessage OfBarrier(CheckpointBarrier barrier) =>
        new(MessageKind.Barrier, null, barrier.Id, barrier.Timestamp, barrier.Options);

    /// <summary>The idle marker.</summary>
    public static StreamMessage Idle { get; } = new(MessageKind.Idle, null, 0, 0, default);

    /// <summary>The active marker.</summary>
    public static StreamMessage Active { get; } = new(MessageKind.Active, null, 0, 0, default);

    /// <summary>The end-of-input marker.</summary>
    public static StreamMessage EndOfInput { get; } = new(MessageKind.EndOfInput, null, 0, 0, default);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        MessageKind.Batch => $"Batch({Batch!.RowCount} rows)",
        MessageKind.Watermark => Watermark.ToString(),
        MessageKind.Barrier => $"Barrier({Barrier.Id})",
        _ => Kind.ToString(),
    };
}
