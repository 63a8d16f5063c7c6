using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Over;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Over;

/// <summary>
/// For ROWS frames without LAG or LEAD, <see cref="RetractingOverAggregateOperator"/> decodes the rows of a change's frames
/// once and computes the results before and after the change from that one batch, skipping the added (or removed) row
/// for one of them. Over the frame sizes where the skipped row sits at the edges of the decoded rows (0 and 1 PRECEDING,
/// UNBOUNDED), with changes anywhere in a partition, the changelog must materialize to every row's frame aggregates, also
/// across a snapshot and restore (materializing fails on a retraction of a row that was not emitted).
/// </summary>
public sealed class RetractingOverRowsDecodeOnceTests
{
    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.Avg, 2, DataTypes.BigInt(), "mean"),
        new(AggregateKind.Sum, 2, DataTypes.BigInt(), "total"),
        new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "rows"),
    ];

    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("v", DataTypes.BigInt()),
    ], rowTimeIndex: 1);

    [Theory]
    [InlineData(0, -1)]
    [InlineData(1, -1)]
    [InlineData(2, 40)]
    [InlineData(-1, -1)]
    [InlineData(-1, 60)]
    public void ChangesAnywhere_MaterializeToEachFramesAggregates(int preceding, int snapshotAfter)
    {
        var frame = preceding < 0 ? OverFrame.RowsUnbounded() : OverFrame.Rows(preceding);
        var (script, live) = Script(new Random(31 + preceding), steps: 120);

        var output = Materialize(RunOneInput(
            () => new RetractingOverAggregateOperator(Input, [0], 1, frame, Calls), Input, script, snapshotAfter, Rows));

        var expected = new List<string>();
        foreach (var partition in live.GroupBy(r => r.K))
        {
            var ordered = partition.OrderBy(r => r.T).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var from = preceding < 0 ? 0 : Math.Max(0, i - preceding);
                var rows = ordered.Skip(from).Take(i - from + 1).ToList();
                var values = rows.Where(r => r.V is not null).Select(r => r.V!.Value).ToList();
                var mean = values.Count == 0 ? "null" : Text(values.Sum() / values.Count);
                var total = values.Count == 0 ? "null" : Text(values.Sum());
                expected.Add($"[{ordered[i].K}, {ordered[i].T}, {(ordered[i].V is { } v ? Text(v) : "null")}, {mean}, {total}, {rows.Count}]");
            }
        }

        Assert.True(expected.Count > 80);
        Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Random inserts (mostly at a partition's end, as q6's) and deletes of live rows, over three partitions.</summary>
    private static ((string, object?[])[][] Script, List<(string K, long T, long? V)> Live) Script(Random random, int steps)
    {
        var keys = new[] { "a", "b", "c" };
        var live = new List<(string K, long T, long? V)>();
        var script = new List<(string, object?[])[]>();
        var nextTime = keys.ToDictionary(k => k, _ => 1000L);
        for (var step = 0; step < steps; step++)
        {
            var batch = new List<(string, object?[])>();
            for (var n = random.Next(1, 6); n > 0; n--)
            {
                if (live.Count > 3 && random.Next(3) == 0)
                {
                    var gone = live[random.Next(live.Count)];
                    live.Remove(gone);
                    batch.Add(R(random.Next(2) == 0 ? "-D" : "-U", gone.K, Ms(gone.T), gone.V));
                }
                else
                {
                    var key = keys[random.Next(keys.Length)];
                    var time = random.Next(4) == 0 ? nextTime[key] - random.Next(1, 500) * 2 - 1 : nextTime[key] += 2;
                    if (live.Any(r => r.K == key && r.T == time))
                    {
                        continue;
                    }

                    long? value = random.Next(10) == 0 ? null : random.Next(-20, 200);
                    live.Add((key, time, value));
                    batch.Add(R(random.Next(2) == 0 ? "+I" : "+U", key, Ms(time), value));
                }
            }

            script.Add([.. batch]);
        }

        return ([.. script], live);
    }
}
