namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>The kind of a Nexmark event; the values are those of the <c>event_type</c> column.</summary>
public enum NexmarkEventType
{
    /// <summary>A new person (<c>event_type = 0</c>).</summary>
    Person = 0,

    /// <summary>A new auction (<c>event_type = 1</c>).</summary>
    Auction = 1,

    /// <summary>A bid (<c>event_type = 2</c>).</summary>
    Bid = 2,
}
