namespace Sluice.Core.Messages;

/// <summary>The kinds of message that travel on a channel between tasks.</summary>
public enum MessageKind : byte
{
    /// <summary>A batch of rows or elements.</summary>
    Batch,

    /// <summary>An event-time watermark.</summary>
    Watermark,

    /// <summary>The channel's producer is idle: leave it out of the watermark minimum.</summary>
    Idle,

    /// <summary>The channel's producer is active again.</summary>
    Active,

    /// <summary>A checkpoint barrier.</summary>
    Barrier,

    /// <summary>The producer has no more data: the channel ends.</summary>
    EndOfInput,
}
