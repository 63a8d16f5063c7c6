namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// A generated auction as the generator hands it to an <see cref="INexmarkEventWriter"/> (strings as UTF-8 bytes valid
/// only during the call).
/// </summary>
public readonly ref struct AuctionView
{
    /// <summary>The auction's id (1000 + a dense counter).</summary>
    public long Id { get; init; }

    /// <summary>The item's name.</summary>
    public ReadOnlySpan<byte> ItemName { get; init; }

    /// <summary>The item's description.</summary>
    public ReadOnlySpan<byte> Description { get; init; }

    /// <summary>The initial bid.</summary>
    public long InitialBid { get; init; }

    /// <summary>The reserve price (at least the initial bid).</summary>
    public long Reserve { get; init; }

    /// <summary>The event time in epoch milliseconds.</summary>
    public long DateTime { get; init; }

    /// <summary>When the auction ends, in epoch milliseconds (after <see cref="DateTime"/>).</summary>
    public long Expires { get; init; }

    /// <summary>The seller's person id.</summary>
    public long Seller { get; init; }

    /// <summary>The category, 10..14.</summary>
    public long Category { get; init; }

    /// <summary>Padding towards the average auction size.</summary>
    public ReadOnlySpan<byte> Extra { get; init; }
}
