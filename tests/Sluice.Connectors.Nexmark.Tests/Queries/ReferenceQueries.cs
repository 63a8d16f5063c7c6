using System.Globalization;
using System.Text.RegularExpressions;
using Sluice.Connectors.Nexmark.Model;

namespace Sluice.Connectors.Nexmark.Tests.Queries;

/// <summary>
/// Straightforward LINQ implementations of the benchmark queries over the generator's plain events: the final result of
/// each query over the whole (bounded, in-order) stream, one object?[] per row in the sink's column order. Written
/// from the query definitions, independently of the SQL engine.
/// </summary>
internal static partial class ReferenceQueries
{
    private const long TenSeconds = 10_000;

    public static IReadOnlyList<object?[]> Run(string query, IReadOnlyList<NexmarkEvent> events)
    {
        var persons = events.OfType<Person>().ToList();
        var auctions = events.OfType<Auction>().ToList();
        var bids = events.OfType<Bid>().ToList();
        IEnumerable<object?[]> rows = query switch
        {
            "q0" => bids.Select(b => Row(b.Auction, b.Bidder, b.Price, Time(b.DateTime), b.Extra)),
            "q1" => bids.Select(b => Row(b.Auction, b.Bidder, 0.908m * b.Price, Time(b.DateTime), b.Extra)),
            "q2" => bids.Where(b => b.Auction % 123 == 0).Select(b => Row(b.Auction, b.Price)),
            "q3" => from a in auctions
                    join p in persons on a.Seller equals p.Id
                    where a.Category == 10 && p.State is "OR" or "ID" or "CA"
                    select Row(p.Name, p.City, p.State, a.Id),
            "q4" => Q4(auctions, bids),
            "q5" => Q5(bids),
            "q6" => Q6(auctions, bids),
            "q7" => Q7(bids),
            "q8" => Q8(persons, auctions),
            "q9" => Q9(auctions, bids),
            "q10" => bids.Select(b => Row(b.Auction, b.Bidder, b.Price, Time(b.DateTime), b.Extra, Day(b.DateTime), Minute(b.DateTime))),
            "q11" => Q11(bids),
            "q13" => bids.Select(b => Row(b.Auction, b.Bidder, b.Price, Time(b.DateTime), (b.Auction % 10_000).ToString(CultureInfo.InvariantCulture))),
            "q14" => Q14(bids),
            "q15" => bids.GroupBy(b => Day(b.DateTime)).Select(g => Row([g.Key, .. Statistics(g)])),
            "q16" => bids.GroupBy(b => (b.Channel, Day: Day(b.DateTime)))
                .Select(g => Row([g.Key.Channel, g.Key.Day, g.Select(b => Minute(b.DateTime)).Max(StringComparer.Ordinal), .. Statistics(g)])),
            "q17" => Q17(bids),
            "q18" => bids.GroupBy(b => (b.Bidder, b.Auction)).Select(g => g.MaxBy(b => b.DateTime)!)
                .Select(b => Row(b.Auction, b.Bidder, b.Price, b.Channel, b.Url, Time(b.DateTime), b.Extra)),
            "q19" => bids.GroupBy(b => b.Auction)
                .SelectMany(g => g.OrderByDescending(b => b.Price).Take(10)
                    .Select((b, i) => Row(b.Auction, b.Bidder, b.Price, b.Channel, b.Url, Time(b.DateTime), b.Extra, (long)(i + 1)))),
            "q20" => from b in bids
                     join a in auctions on b.Auction equals a.Id
                     where a.Category == 10
                     select Row(b.Auction, b.Bidder, b.Price, b.Channel, b.Url, Time(b.DateTime), b.Extra, a.ItemName, a.Description,
                         a.InitialBid, a.Reserve, Time(a.DateTime), Time(a.Expires), a.Seller, a.Category, a.Extra),
            "q21" => Q21(bids),
            "q22" => bids.Select(b => Row(b.Auction, b.Bidder, b.Price, b.Channel, Segment(b.Url, 3), Segment(b.Url, 4), Segment(b.Url, 5))),
            _ => throw new ArgumentException($"No reference implementation of {query}.", nameof(query)),
        };
        return [.. rows];
    }

    private static object?[] Row(params object?[] values) => values;

    /// <summary>A TIMESTAMP(3) value as the engine returns it.</summary>
    public static DateTime Time(long millis) => DateTime.UnixEpoch.AddMilliseconds(millis);

    private static string Day(long millis) => Time(millis).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Minute(long millis) => Time(millis).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static long TumbleStart(long millis) => millis - (((millis % TenSeconds) + TenSeconds) % TenSeconds);

    /// <summary>BIGINT AVG: the sum divided by the count, truncated.</summary>
    private static long Average(IEnumerable<long> values)
    {
        var list = values.ToList();
        return list.Sum() / list.Count;
    }

    /// <summary>The bids of each auction that came while the auction was open.</summary>
    private static IEnumerable<(Auction Auction, Bid Bid)> OpenBids(List<Auction> auctions, List<Bid> bids) =>
        from a in auctions
        join b in bids on a.Id equals b.Auction
        where b.DateTime >= a.DateTime && b.DateTime <= a.Expires
        select (a, b);

    private static IEnumerable<object?[]> Q4(List<Auction> auctions, List<Bid> bids) =>
        OpenBids(auctions, bids)
            .GroupBy(x => (x.Auction.Id, x.Auction.Category))
            .Select(g => (g.Key.Category, Final: g.Max(x => x.Bid.Price)))
            .GroupBy(x => x.Category)
            .Select(g => Row(g.Key, Average(g.Select(x => x.Final))));

    private static IEnumerable<object?[]> Q5(List<Bid> bids)
    {
        // HOP(size 10 s, slide 2 s): a bid at t is in the windows starting at s = floor(t / 2 s) * 2 s - k * 2 s, k = 0..4.
        var counts = new Dictionary<(long Start, long Auction), long>();
        foreach (var b in bids)
        {
            var last = b.DateTime - (((b.DateTime % 2_000) + 2_000) % 2_000);
            for (var start = last; start > b.DateTime - TenSeconds; start -= 2_000)
            {
                counts[(start, b.Auction)] = counts.GetValueOrDefault((start, b.Auction)) + 1;
            }
        }

        var max = counts.GroupBy(c => c.Key.Start).ToDictionary(g => g.Key, g => g.Max(c => c.Value));
        return counts.Where(c => c.Value >= max[c.Key.Start]).Select(c => Row(c.Key.Auction, c.Value));
    }

    /// <summary>
    /// Per seller, each auction's highest bid (the earliest of equal ones) in time order, with the average price of it
    /// and the (up to) 10 before it.
    /// </summary>
    private static IEnumerable<object?[]> Q6(List<Auction> auctions, List<Bid> bids)
    {
        var winners = OpenBids(auctions, bids)
            .GroupBy(x => x.Auction.Id)
            .Select(g => g.OrderByDescending(x => x.Bid.Price).ThenBy(x => x.Bid.DateTime).First());
        foreach (var seller in winners.GroupBy(x => x.Auction.Seller))
        {
            var ordered = seller.OrderBy(x => x.Bid.DateTime).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                yield return Row(seller.Key, Average(ordered.Skip(Math.Max(0, i - 10)).Take(Math.Min(i, 10) + 1).Select(x => x.Bid.Price)));
            }
        }
    }

    private static IEnumerable<object?[]> Q7(List<Bid> bids)
    {
        var windows = bids.GroupBy(b => TumbleStart(b.DateTime)).Select(g => (End: g.Key + TenSeconds, Max: g.Max(b => b.Price)));
        return from w in windows
               from b in bids
               where b.Price == w.Max && b.DateTime >= w.End - TenSeconds && b.DateTime <= w.End
               select Row(b.Auction, b.Price, b.Bidder, Time(b.DateTime), b.Extra);
    }

    private static IEnumerable<object?[]> Q8(List<Person> persons, List<Auction> auctions)
    {
        var people = persons.Select(p => (p.Id, p.Name, Start: TumbleStart(p.DateTime))).Distinct();
        var sellers = auctions.Select(a => (a.Seller, Start: TumbleStart(a.DateTime))).Distinct();
        return from p in people
               join s in sellers on (p.Id, p.Start) equals (s.Seller, s.Start)
               select Row(p.Id, p.Name, Time(p.Start));
    }

    private static IEnumerable<object?[]> Q9(List<Auction> auctions, List<Bid> bids) =>
        OpenBids(auctions, bids)
            .GroupBy(x => x.Auction.Id)
            .Select(g => g.OrderByDescending(x => x.Bid.Price).ThenBy(x => x.Bid.DateTime).First())
            .Select(x => Row(x.Auction.Id, x.Auction.ItemName, x.Auction.Description, x.Auction.InitialBid, x.Auction.Reserve,
                Time(x.Auction.DateTime), Time(x.Auction.Expires), x.Auction.Seller, x.Auction.Category, x.Auction.Extra,
                x.Bid.Auction, x.Bid.Bidder, x.Bid.Price, Time(x.Bid.DateTime), x.Bid.Extra));

    private static IEnumerable<object?[]> Q11(List<Bid> bids)
    {
        foreach (var group in bids.GroupBy(b => b.Bidder))
        {
            var times = group.Select(b => b.DateTime).Order().ToList();
            var start = times[0];
            var last = times[0];
            long count = 1;
            foreach (var t in times.Skip(1))
            {
                if (t >= last + TenSeconds)
                {
                    yield return Row(group.Key, count, Time(start), Time(last + TenSeconds));
                    start = t;
                    count = 0;
                }

                last = t;
                count++;
            }

            yield return Row(group.Key, count, Time(start), Time(last + TenSeconds));
        }
    }

    private static IEnumerable<object?[]> Q14(List<Bid> bids) =>
        from b in bids
        let euros = 0.908m * b.Price
        where euros > 1_000_000 && euros < 50_000_000
        let hour = Time(b.DateTime).Hour
        let type = hour is >= 8 and <= 18 ? "dayTime" : hour is <= 6 or >= 20 ? "nightTime" : "otherTime"
        select Row(b.Auction, b.Bidder, euros, type, Time(b.DateTime), b.Extra, (long)b.Extra.Count(c => c == 'c'));

    /// <summary>q15/q16's counts: bids, distinct bidders and distinct auctions, in total and per price band.</summary>
    private static object?[] Statistics(IEnumerable<Bid> group)
    {
        var all = group.ToList();
        var bands = new Func<Bid, bool>[] { _ => true, b => b.Price < 10_000, b => b.Price is >= 10_000 and < 1_000_000, b => b.Price >= 1_000_000 };
        return
        [
            .. bands.Select(f => (object?)(long)all.Count(f)),
            .. bands.Select(f => (object?)(long)all.Where(f).Select(b => b.Bidder).Distinct().Count()),
            .. bands.Select(f => (object?)(long)all.Where(f).Select(b => b.Auction).Distinct().Count()),
        ];
    }

    private static IEnumerable<object?[]> Q17(List<Bid> bids) =>
        bids.GroupBy(b => (b.Auction, Day: Day(b.DateTime))).Select(g => Row(
            g.Key.Auction, g.Key.Day, (long)g.Count(), (long)g.Count(b => b.Price < 10_000),
            (long)g.Count(b => b.Price is >= 10_000 and < 1_000_000), (long)g.Count(b => b.Price >= 1_000_000),
            g.Min(b => b.Price), g.Max(b => b.Price), Average(g.Select(b => b.Price)), g.Sum(b => b.Price)));

    private static IEnumerable<object?[]> Q21(List<Bid> bids)
    {
        foreach (var b in bids)
        {
            var match = ChannelId().Match(b.Url);
            var extracted = match.Success ? match.Groups[2].Value : null;
            var channel = b.Channel.ToLowerInvariant();
            string? id = channel switch
            {
                "apple" => "0",
                "google" => "1",
                "facebook" => "2",
                "baidu" => "3",
                _ => extracted,
            };
            if (extracted is not null || channel is "apple" or "google" or "facebook" or "baidu")
            {
                yield return Row(b.Auction, b.Bidder, b.Price, b.Channel, id);
            }
        }
    }

    private static string? Segment(string text, int index)
    {
        var parts = text.Split('/');
        return index < parts.Length ? parts[index] : null;
    }

    [GeneratedRegex("(&|^)channel_id=([^&]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelId();
}
