using Sluice.Connectors.Nexmark;
using Sluice.Connectors.Nexmark.Generator;

namespace Sluice.Cli.Bench.Baselines;

/// <summary>
/// The practical limit: q1, q2 and q5 as hand-written single-threaded C# loops over the same generated events (the
/// generator's allocation-free struct API), plus the generator alone. Each returns a checksum so nothing is optimized away.
/// </summary>
internal static class HandWrittenBaselines
{
    /// <summary>The queries with a hand-written loop, and "gen" (generation only).</summary>
    public static IReadOnlyList<string> Queries { get; } = ["q1", "q2", "q5"];

    public static long Run(string query, NexmarkConfiguration configuration) => query switch
    {
        "gen" => Loop(configuration, new GenerateOnly()).Checksum,
        "q1" => Loop(configuration, new Q1()).Checksum,
        "q2" => Loop(configuration, new Q2()).Checksum,
        "q5" => RunQ5(configuration),
        _ => throw new ArgumentException($"No hand-written baseline for {query}.", nameof(query)),
    };

    private static TWriter Loop<TWriter>(NexmarkConfiguration configuration, TWriter writer)
        where TWriter : struct, INexmarkEventWriter
    {
        var generator = new NexmarkGenerator(configuration);
        for (long i = 0; i < configuration.EventsNum; i++)
        {
            generator.Generate(i, ref writer);
        }

        return writer;
    }

    private static long RunQ5(NexmarkConfiguration configuration)
    {
        var writer = Loop(configuration, new Q5(new HopCounts()));
        return writer.Counts.Finish();
    }

    private struct GenerateOnly : INexmarkEventWriter
    {
        public long Checksum;

        public void Person(in PersonView person) => Checksum += person.Id;

        public void Auction(in AuctionView auction) => Checksum += auction.Id;

        public void Bid(in BidView bid) => Checksum += bid.Price + bid.Extra.Length;
    }

    private struct Q1 : INexmarkEventWriter
    {
        public long Checksum;

        public readonly void Person(in PersonView person)
        {
        }

        public readonly void Auction(in AuctionView auction)
        {
        }

        // 0.908 * price as DECIMAL(23, 3): the unscaled value is price * 908.
        public void Bid(in BidView bid) => Checksum += bid.Auction ^ bid.Bidder ^ (bid.Price * 908) ^ bid.DateTime ^ bid.Extra.Length;
    }

    private struct Q2 : INexmarkEventWriter
    {
        public long Checksum;

        public readonly void Person(in PersonView person)
        {
        }

        public readonly void Auction(in AuctionView auction)
        {
        }

        public void Bid(in BidView bid)
        {
            if (bid.Auction % 123 == 0)
            {
                Checksum += bid.Auction ^ bid.Price;
            }
        }
    }

    private readonly struct Q5(HopCounts counts) : INexmarkEventWriter
    {
        public HopCounts Counts => counts;

        public void Person(in PersonView person)
        {
        }

        public void Auction(in AuctionView auction)
        {
        }

        public void Bid(in BidView bid) => counts.Add(bid.Auction, bid.DateTime);
    }
}
