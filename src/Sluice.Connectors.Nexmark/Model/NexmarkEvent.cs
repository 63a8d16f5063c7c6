using Sluice.Connectors.Nexmark.Generator;

namespace Sluice.Connectors.Nexmark.Model;

/// <summary>A Nexmark event as a plain object: a <see cref="Person"/>, an <see cref="Auction"/> or a <see cref="Bid"/>.</summary>
/// <param name="DateTime">The event time in epoch milliseconds.</param>
public abstract record NexmarkEvent(long DateTime)
{
    /// <summary>The kind of the event.</summary>
    public abstract NexmarkEventType Type { get; }
}
