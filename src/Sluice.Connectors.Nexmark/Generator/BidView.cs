namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// A generated bid as the generator hands it to an <see cref="INexmarkEventWriter"/> (strings as UTF-8 bytes valid
/// only during the call).
/// </summary>
public readonly ref struct BidView
{
    /// <summary>The auction's id.</summary>
    public long Auction { get; init; }

    /// <summary>The bidder: a person id plus 1000, as in Flink's generator.</summary>
    public long Bidder { get; init; }

    /// <summary>The price.</summary>
    public long Price { get; init; }

    /// <summary>The channel the bid came through.</summary>
    public ReadOnlySpan<byte> Channel { get; init; }

    /// <summary>The URL of the bid.</summary>
    public ReadOnlySpan<byte> Url { get; init; }

    /// <summary>The event time in epoch milliseconds.</summary>
    public long DateTime { get; init; }

    /// <summary>Padding towards the average bid size.</summary>
    public ReadOnlySpan<byte> Extra { get; init; }

    /// <summary>Where <see cref="Extra"/> starts in the stream's pool (<see cref="NexmarkTables.Pool"/>).</summary>
    internal int ExtraStart { get; init; }

    /// <summary>
    /// The index of <see cref="Channel"/> and <see cref="Url"/> among the values of <see cref="NexmarkTables.ChannelBytes"/>
    /// and <see cref="NexmarkTables.UrlBytes"/>.
    /// </summary>
    internal int ChannelIndex { get; init; }

    /// <summary>The bid's event id (its index in the stream plus 2), which its random draws follow from.</summary>
    internal long EventId { get; init; }

    /// <summary>The bid's event id divided by the total proportion (which gives the newest person and auction).</summary>
    internal long Epoch { get; init; }
}
