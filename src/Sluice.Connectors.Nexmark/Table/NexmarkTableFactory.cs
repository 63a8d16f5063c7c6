using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Nexmark.Table;

/// <summary>
/// The <c>nexmark</c> connector (<c>'connector' = 'nexmark'</c>): Flink's Nexmark event generator as a table source.
/// The table has Flink's layout: <c>event_type INT</c> (0 person, 1 auction, 2 bid) and the ROW columns
/// <c>person</c>, <c>auction</c> and <c>bid</c>, exactly one of them non-null per row (any subset of their fields may
/// be declared). The options are Flink's, plus <c>seed</c> and <c>base-time</c> for reproducible streams.
/// See <see cref="NexmarkSource"/>.
/// </summary>
public sealed class NexmarkTableFactory : ITableSourceFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = NexmarkOptions.ConnectorName;

    /// <summary>The descriptor of the connector's options.</summary>
    public static ConnectorDescriptor ConnectorDescriptor { get; } = new(ConnectorName, DescriptorKind.Connector,
        "Generates the Nexmark benchmark's person, auction and bid events as Flink's nexmark connector does.",
        [
            ConnectorOption.Optional(NexmarkOptions.FirstEventRate, OptionType.Long,
                "Events per second of event time for the whole source; with 'max-emit-speed' = false also the pace of generation.", "10000"),
            ConnectorOption.Optional(NexmarkOptions.NextEventRate, OptionType.Long, "Accepted for compatibility; ignored, as by Flink's generator.", "10000"),
            ConnectorOption.Optional(NexmarkOptions.RateShape, OptionType.String, "Accepted for compatibility; ignored.", "SQUARE"),
            ConnectorOption.Optional(NexmarkOptions.RatePeriod, OptionType.Duration, "Accepted for compatibility; ignored.", "600 s"),
            ConnectorOption.Optional(NexmarkOptions.RateLimited, OptionType.Boolean, "Accepted for compatibility; ignored.", "false"),
            ConnectorOption.Optional(NexmarkOptions.EventsNum, OptionType.Long, "The number of events to generate; 0 means unbounded.", "0"),
            ConnectorOption.Optional(NexmarkOptions.PersonProportion, OptionType.Int, "Persons per (person + auction + bid proportion) events.", "1"),
            ConnectorOption.Optional(NexmarkOptions.AuctionProportion, OptionType.Int, "Auctions per (person + auction + bid proportion) events.", "3"),
            ConnectorOption.Optional(NexmarkOptions.BidProportion, OptionType.Int, "Bids per (person + auction + bid proportion) events.", "46"),
            ConnectorOption.Optional(NexmarkOptions.PersonAvgSize, OptionType.MemorySize, "The average size of a person; 'extra' pads towards it.", "200b"),
            ConnectorOption.Optional(NexmarkOptions.AuctionAvgSize, OptionType.MemorySize, "The average size of an auction.", "500b"),
            ConnectorOption.Optional(NexmarkOptions.BidAvgSize, OptionType.MemorySize, "The average size of a bid.", "100b"),
            ConnectorOption.Optional(NexmarkOptions.HotAuctionRatio, OptionType.Int,
                "1 in this many bids goes to a random auction, the others to the current hot auction.", "2"),
            ConnectorOption.Optional(NexmarkOptions.HotBiddersRatio, OptionType.Int,
                "1 in this many bids comes from a random person, the others from the current hot bidder.", "4"),
            ConnectorOption.Optional(NexmarkOptions.HotSellersRatio, OptionType.Int,
                "1 in this many auctions has a random seller, the others the current hot seller.", "4"),
            ConnectorOption.Optional(NexmarkOptions.KeepAlive, OptionType.Boolean, "Keep the source running idle after its last event.", "false"),
            ConnectorOption.Optional(NexmarkOptions.StopAt, OptionType.Long, "Stop generating after this many events; -1: never.", "-1"),
            ConnectorOption.Optional(NexmarkOptions.MaxEmitSpeed, OptionType.Boolean,
                "true: generate as fast as possible; false: emit every event when the clock reaches its event time.", "true"),
            ConnectorOption.Optional(NexmarkOptions.Seed, OptionType.Long,
                "Sluice extension: the seed of the random values; unset, a random seed is chosen when the table is created (and kept in checkpoints)."),
            ConnectorOption.Optional(NexmarkOptions.BaseTime, OptionType.Long,
                "Sluice extension: the event time of the first event in epoch milliseconds; unset, the time the table is created."),
            ConnectorOption.Optional(NexmarkOptions.BatchSize, OptionType.Int, "Sluice extension: events per generated batch.", "4096"),
            ConnectorOption.Optional(NexmarkOptions.ScanParallelism, OptionType.Int, "The parallelism of the source (default: the job's)."),
        ]);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MetadataColumns.Count > 0)
        {
            throw new TableOptionException(
                $"Table '{context.TableName}': connector 'nexmark' offers no metadata columns.", null, "connector 'nexmark'");
        }

        var options = context.GetOptions(ConnectorDescriptor);
        var configuration = new NexmarkConfiguration
        {
            FirstEventRate = options.GetOptionalInt64(NexmarkOptions.FirstEventRate) ?? 10_000,
            EventsNum = options.GetOptionalInt64(NexmarkOptions.EventsNum) ?? 0,
            PersonProportion = options.GetOptionalInt32(NexmarkOptions.PersonProportion) ?? 1,
            AuctionProportion = options.GetOptionalInt32(NexmarkOptions.AuctionProportion) ?? 3,
            BidProportion = options.GetOptionalInt32(NexmarkOptions.BidProportion) ?? 46,
            PersonAvgSize = Size(options, NexmarkOptions.PersonAvgSize),
            AuctionAvgSize = Size(options, NexmarkOptions.AuctionAvgSize),
            BidAvgSize = Size(options, NexmarkOptions.BidAvgSize),
            HotAuctionRatio = options.GetOptionalInt32(NexmarkOptions.HotAuctionRatio) ?? 2,
            HotBiddersRatio = options.GetOptionalInt32(NexmarkOptions.HotBiddersRatio) ?? 4,
            HotSellersRatio = options.GetOptionalInt32(NexmarkOptions.HotSellersRatio) ?? 4,
            MaxEmitSpeed = options.GetBoolean(NexmarkOptions.MaxEmitSpeed),
            Seed = options.GetOptionalInt64(NexmarkOptions.Seed) ?? Random.Shared.NextInt64(),
            BaseTime = options.GetOptionalInt64(NexmarkOptions.BaseTime) ?? context.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        var batchSize = options.GetOptionalInt32(NexmarkOptions.BatchSize) ?? NexmarkSource.DefaultBatchSize;
        if (batchSize < 1)
        {
            throw NexmarkOptions.Error(NexmarkOptions.BatchSize, $"must be positive, not {batchSize}.");
        }

        var source = new NexmarkSource(configuration, context.Schema, context.TableName, context.Reads)
        {
            BatchSize = batchSize,
            StopAt = options.GetOptionalInt64(NexmarkOptions.StopAt) ?? -1,
            KeepAlive = options.GetBoolean(NexmarkOptions.KeepAlive),
        };
        return new TableSource(context.Schema, ChangelogMode.InsertOnly, new SourceHandle<NexmarkSplit>(source));
    }

    private static int Size(OptionReader options, string key)
    {
        var bytes = options.GetOptionalMemorySize(key) ?? 0;
        if (bytes is < 0 or > int.MaxValue)
        {
            throw NexmarkOptions.Error(key, $"must be between 0 and {int.MaxValue} bytes, not {bytes}.");
        }

        return (int)bytes;
    }
}
