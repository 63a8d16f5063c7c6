using Sluice.Connectors.Nexmark.Generator;

namespace Sluice.Connectors.Nexmark.Tests.Queries;

/// <summary>
/// Runs each benchmark query (the files in <c>bench/nexmark</c>) through the SQL engine on a small stream, at
/// parallelism 1 and 2, and compares the final result with <see cref="ReferenceQueries"/> over the same events taken
/// from the generator's plain API. The stream (20 000 events at 1 000 events/s) spans 20 s of event time across
/// midnight (two days for q15–q17, several windows and sessions); q14 runs across 8 o'clock so that its time-of-day
/// bands change. q12's windows are of processing time, so only what does not depend on the clock is compared (see
/// <see cref="Q12_CountsEveryBidOnce_InAlignedTenSecondWindows"/>).
/// </summary>
public class QueryCorrectnessTests
{
    private const long Midnight = 1_767_312_000_000; // 2026-01-02T00:00:00Z

    /// <summary>The queries the engine runs today and their reference covers.</summary>
    public static TheoryData<string, int> Queries()
    {
        var data = new TheoryData<string, int>();
        foreach (var query in new[] { "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q13", "q14", "q15", "q16", "q17", "q18", "q19", "q20", "q21", "q22" })
        {
            data.Add(query, 1);
            data.Add(query, 2);
        }

        return data;
    }

    internal static NexmarkConfiguration ConfigurationOf(string query) => new()
    {
        EventsNum = 20_000,
        FirstEventRate = 1_000,
        Seed = 42,
        BaseTime = query == "q14" ? Midnight - (16 * 3_600_000) - 10_000 : Midnight - 10_000,
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_MatchesLinqReference(string query, int parallelism)
    {
        var configuration = ConfigurationOf(query);
        var events = new NexmarkGenerator(configuration).Events(0, configuration.EventsNum).ToList();
        var expected = ResultRows.Sorted(ReferenceQueries.Run(query, events).Select(ResultRows.Text));

        var actual = ResultRows.Materialize(await QueryRunner.RunAsync(query, configuration, parallelism));

        Assert.NotEmpty(expected);
        if (query == "q19")
        {
            // Ties in price make the rank of equal-priced bids arbitrary: compare the rows without the rank, and the
            // (auction, price, rank) triples.
            Assert.Equal(WithoutLast(expected), WithoutLast(actual));
            Assert.Equal(RankTriples(expected), RankTriples(actual));
            return;
        }

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Q12_CountsEveryBidOnce_InAlignedTenSecondWindows(int parallelism)
    {
        var configuration = ConfigurationOf("q12");
        var events = new NexmarkGenerator(configuration).Events(0, configuration.EventsNum).ToList();
        var bidsPerBidder = events.OfType<Model.Bid>().GroupBy(b => b.Bidder).ToDictionary(g => g.Key, g => (long)g.Count());

        var changes = await QueryRunner.RunAsync("q12", configuration, parallelism);

        // Processing-time windows: which window a bid falls in depends on the clock, but every bid is counted once, in
        // a 10-second window aligned to 10 seconds, and the bounded job fires the windows still open when it ends.
        Assert.All(changes, c => Assert.Equal(Core.Batches.RowKind.Insert, c.Kind));
        var counted = new Dictionary<long, long>();
        foreach (var (_, values) in changes)
        {
            var start = (DateTime)values[2]!;
            var end = (DateTime)values[3]!;
            Assert.Equal(TimeSpan.FromSeconds(10), end - start);
            Assert.Equal(0, (start - DateTime.UnixEpoch).Ticks % TimeSpan.FromSeconds(10).Ticks);
            var bidder = (long)values[0]!;
            counted[bidder] = counted.GetValueOrDefault(bidder) + (long)values[1]!;
        }

        Assert.Equal(bidsPerBidder.OrderBy(p => p.Key), counted.OrderBy(p => p.Key));
    }

    private static List<string> WithoutLast(List<string> rows) => ResultRows.Sorted(rows.Select(r => r[..r.LastIndexOf(',')]));

    private static List<string> RankTriples(List<string> rows) => ResultRows.Sorted(rows.Select(r =>
    {
        var fields = r.Trim('[', ']').Split(", ");
        return $"{fields[0]} {fields[2]} {fields[^1]}";
    }));
}
