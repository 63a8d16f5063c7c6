using System.Globalization;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Over;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

using static Sluice.Sql.Physical.Tests.Over.RetractingOverScripts;

namespace Sluice.Sql.Physical.Tests.Over;

/// <summary>
/// RANGE frames (bounded and UNBOUNDED PRECEDING) of the OVER aggregation over an updating input: a row's frame is every
/// row of its partition whose time is within the interval before its own, its peers (equal times) included; changes
/// update exactly the rows whose frames they enter or leave; snapshot and restore; the SQL path and its processing-time
/// error.
/// </summary>
public sealed class RetractingOverRangeFrameTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-over-range-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A frame of -1 = RANGE UNBOUNDED PRECEDING, else RANGE INTERVAL n ms PRECEDING.</summary>
    private static OverFrame Range(int milliseconds) =>
        milliseconds < 0 ? OverFrame.RangeUnbounded() : OverFrame.Range(TimeSpan.FromMilliseconds(milliseconds));

    [Fact]
    public void Peers_SeeEachOther_AndANewPeerUpdatesTheEarlierOnes()
    {
        using var harness = new OperatorHarness(NewOperator(Range(0)));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(5), 1L)));
        Assert.Equal(["+I[a, 5, 1, 1, 1, 1]"], Rows(harness));
        harness.ClearOutput();

        // A second row at 5: its frame is both rows, and the first row's frame now holds it too.
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(5), 4L)));
        Assert.Equal(["-U[a, 5, 1, 1, 1, 1]", "+U[a, 5, 1, 2, 5, 4]", "+I[a, 5, 4, 2, 5, 4]"], Rows(harness));
    }

    [Fact]
    public void BoundedRange_InsertUpdatesTheRowsUpToTheIntervalAfterIt()
    {
        using var harness = new OperatorHarness(NewOperator(Range(2)));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(4), 4L), R("+I", "a", Ms(5), 5L), R("+I", "a", Ms(7), 7L)));
        harness.ClearOutput();

        // A row at 3 enters the frames of the rows at 4 ([2, 4]) and 5 ([3, 5]), not of 7 ([5, 7]); its own frame is [1, 3].
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(3), 3L)));
        Assert.Equal(
        [
            "+I[a, 3, 3, 2, 4, 3]",
            "-U[a, 4, 4, 1, 4, 4]", "+U[a, 4, 4, 2, 7, 4]",
            "-U[a, 5, 5, 2, 9, 5]", "+U[a, 5, 5, 3, 12, 5]",
        ], Rows(harness));
        harness.ClearOutput();

        // Retracting the row at 4 updates the rows at 5 and not 7 (whose frame [5, 7] never held it).
        harness.ProcessBatch(Batch(Input, R("-D", "a", Ms(4), 4L)));
        Assert.Equal(["-D[a, 4, 4, 2, 7, 4]", "-U[a, 5, 5, 3, 12, 5]", "+U[a, 5, 5, 2, 8, 5]"], Rows(harness));
    }

    [Fact]
    public void UnboundedRange_RetractionUpdatesItsPeersAndEveryLaterRow()
    {
        using var harness = new OperatorHarness(NewOperator(Range(-1)));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 2L), R("+I", "a", Ms(1), 3L), R("+I", "a", Ms(9), 10L)));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("-U", "a", Ms(1), 3L)));
        Assert.Equal(
        [
            "-U[a, 1, 2, 2, 5, 3]", "+U[a, 1, 2, 1, 2, 2]",
            "-D[a, 1, 3, 2, 5, 3]",
            "-U[a, 9, 10, 3, 15, 10]", "+U[a, 9, 10, 2, 12, 10]",
        ], Rows(harness));
    }

    [Fact]
    public void NullTimes_AreTheSmallestAndFormTheirOwnRangeFrame()
    {
        using var harness = new OperatorHarness(NewOperator(Range(5)));
        harness.ProcessBatch(Batch(Input, R("+I", "a", null, 1L), R("+I", "a", Ms(2), 2L), R("+I", "a", null, 4L)));
        var final = Materialize(Rows(harness));
        Assert.Equal(["[a, 2, 2, 1, 2, 2]", "[a, null, 1, 2, 5, 4]", "[a, null, 4, 2, 5, 4]"], final.Order(StringComparer.Ordinal));
    }

    public static TheoryData<int> Frames() => [-1, 0, 3];

    [Theory]
    [MemberData(nameof(Frames))]
    public void RandomChangelog_MaterializesToTheRangeFramesOfTheRemainingRows(int range)
    {
        OverLagCall[] offsets = [new(2, 1, -1, DataTypes.BigInt(), "prev"), new(2, 1, 2, DataTypes.BigInt(), "next", IsLead: true)];
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            var (script, remaining) = RandomScript(new Random(seed), steps: 60);
            var output = Materialize(Run(() => NewOperator(Range(range), offsets), script, snapshotAfter: -1));

            var expected = new List<string>();
            foreach (var partition in remaining.GroupBy(r => r.K))
            {
                // The operator's order: time, then the row's content (here the value) for equal times.
                var ordered = partition.OrderBy(r => r.T).ThenBy(r => r.V).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var t = ordered[i].T;
                    var inFrame = ordered.Where(r => r.T <= t && (range < 0 || r.T >= t - range)).ToList();
                    var previous = i > 0 ? ordered[i - 1].V.ToString(CultureInfo.InvariantCulture) : "null";
                    var next = i + 1 < ordered.Count ? ordered[i + 1].V : ordered[i].V;
                    expected.Add($"[{ordered[i].K}, {t}, {ordered[i].V}, {inFrame.Count}, {inFrame.Sum(r => r.V)}, {inFrame.Max(r => r.V)}, {previous}, {next}]");
                }
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Snapshot_MidStream_RestoresAndContinuesLikeAnUninterruptedRun(int range)
    {
        var (script, _) = RandomScript(new Random(17), steps: 40);
        var expected = Run(() => NewOperator(Range(range)), script, snapshotAfter: -1);
        var actual = Run(() => NewOperator(Range(range)), script, snapshotAfter: 19);
        Assert.Equal(expected, actual);
        Assert.Contains(expected, r => r.StartsWith("-U", StringComparison.Ordinal));
    }

    private string Bids()
    {
        var path = Path.Combine(_directory, "bids.csv");
        File.WriteAllLines(path,
        [
            "2024-01-01 10:00:10,A,4",
            "2024-01-01 10:01:00,B,2",
            "2024-01-01 10:00:50,A,3",
            "2024-01-01 10:03:30,B,5",
            "2024-01-01 10:04:00,A,1",
            "2024-01-01 10:04:20,A,8",
            "2024-01-01 10:11:00,A,6",
        ]);
        return $"""
            CREATE TABLE Bids (bidtime TIMESTAMP(3), item STRING, price INT, pt AS PROCTIME(),
              WATERMARK FOR bidtime AS bidtime - INTERVAL '1' MINUTE)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{path}');
            """;
    }

    /// <summary>The lowest bid per item and minute: an updating input (A's 3 replaces its 4 at 10:00).</summary>
    private const string LowestPerMinute = """
        FROM (
          SELECT item, price, bidtime, ROW_NUMBER() OVER (PARTITION BY item, minute ORDER BY price ASC) AS rn
          FROM (SELECT item, price, bidtime, FLOOR(bidtime TO MINUTE) AS minute FROM Bids))
        WHERE rn <= 1
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Sql_BoundedRangeOverAnUpdatingInput(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + $"""
            SELECT item, price,
                   SUM(price) OVER (PARTITION BY item ORDER BY bidtime RANGE BETWEEN INTERVAL '4' MINUTE PRECEDING AND CURRENT ROW) AS recent
            {LowestPerMinute};
            """, parallelism: parallelism);

        // Lowest per item and minute: A 3 (10:00:50), A 1 (10:04:00; 8 at 10:04:20 is not the lowest), A 6 (10:11); B 2 (10:01),
        // B 5 (10:03:30). Four minutes back: A 1 sees 3 (10:00:50 >= 10:00:00), A 6 only itself; B 5 sees 2.
        Assert.Equal(["[A, 1, 4]", "[A, 3, 3]", "[A, 6, 6]", "[B, 2, 2]", "[B, 5, 7]"], result.Final);
        Assert.Contains(result.Changelog, line => line.StartsWith("-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sql_UnboundedRangeOverAnUpdatingInput()
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + $"""
            SELECT item, price, COUNT(*) OVER w AS n, MIN(price) OVER w AS low
            {LowestPerMinute}
            WINDOW w AS (PARTITION BY item ORDER BY bidtime RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
            """);

        Assert.Equal(["[A, 1, 2, 1]", "[A, 3, 1, 3]", "[A, 6, 3, 1]", "[B, 2, 1, 2]", "[B, 5, 2, 2]"], result.Final);
    }

    [Fact]
    public async Task Sql_ProcessingTimeOverAnUpdatingInput_IsAPositionedError()
    {
        var script = Bids() + """

            SELECT item, price,
                   SUM(price) OVER (PARTITION BY item ORDER BY pt RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS s
            FROM (SELECT item, price, pt, ROW_NUMBER() OVER (PARTITION BY item ORDER BY price ASC) AS rn FROM Bids)
            WHERE rn <= 1;
            """;
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync(script));

        // Positioned at the OVER window of the aggregate (the second line of the query).
        var lines = script.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("SUM(price) OVER", StringComparison.Ordinal)) + 1;
        Assert.Equal(SqlErrorCode.NotSupported, error.Code);
        Assert.Equal(line, error.Line);
        Assert.InRange(error.Column, lines[line - 1].IndexOf("OVER", StringComparison.Ordinal) + 1, lines[line - 1].IndexOf("AS s", StringComparison.Ordinal));
        Assert.Contains("event-time attribute", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}, column {error.Column}: ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Applies a changelog to a multiset of rows (without kinds).</summary>
    private static List<string> Materialize(IEnumerable<string> changelog)
    {
        var rows = new List<string>();
        foreach (var line in changelog)
        {
            if (line.StartsWith('+'))
            {
                rows.Add(line[2..]);
            }
            else
            {
                Assert.True(rows.Remove(line[2..]), $"retraction of a row not in the result: {line}");
            }
        }

        return rows;
    }

    /// <summary>
    /// Random batches of inserts and retractions (of rows inserted before) over two keys, with few distinct times so that
    /// many rows are peers; values unique per key (so the order of peers is by value). Returns the batches and the rows
    /// left at the end.
    /// </summary>
    private static ((string, object?[])[][] Script, List<(string K, long T, long V)> Remaining) RandomScript(Random random, int steps)
    {
        var keys = new[] { "a", "b" };
        var live = new List<(string K, long T, long V)>();
        var script = new List<(string, object?[])[]>();
        var nextValue = 1L;
        for (var step = 0; step < steps; step++)
        {
            var batch = new List<(string, object?[])>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                if (live.Count > 0 && random.Next(3) == 0)
                {
                    var gone = live[random.Next(live.Count)];
                    live.Remove(gone);
                    batch.Add(R(random.Next(2) == 0 ? "-U" : "-D", gone.K, Ms(gone.T), gone.V));
                }
                else
                {
                    var row = (keys[random.Next(keys.Length)], (long)random.Next(0, 12), nextValue++);
                    live.Add(row);
                    batch.Add(R(random.Next(2) == 0 ? "+I" : "+U", row.Item1, Ms(row.Item2), row.Item3));
                }
            }

            script.Add([.. batch]);
        }

        return ([.. script], live);
    }
}
