using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Over;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Over;

/// <summary>
/// <see cref="RetractingOverAggregateOperator"/> reuses one accumulator set, one batch builder and the result arrays from
/// one change to the next (and fills a frame's first rows call by call): over long partitions changed in random places,
/// with AVG, MIN (a retractable multiset) and COUNT(v) (nulls skipped), every result must still be its frame's, as if
/// computed from scratch.
/// </summary>
public sealed class RetractingOverFrameReuseTests
{
    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.Avg, 2, DataTypes.BigInt(), "mean"),
        new(AggregateKind.Min, 2, DataTypes.BigInt(), "low"),
        new(AggregateKind.Count, 2, DataTypes.BigInt().NotNull(), "counted"),
    ];

    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("v", DataTypes.BigInt()),
    ], rowTimeIndex: 1);

    [Theory]
    [InlineData(10)]
    [InlineData(3)]
    public void LongPartitions_ChangedAnywhere_MaterializeToEachFramesAggregates(int preceding)
    {
        foreach (var seed in new[] { 11, 12 })
        {
            var random = new Random(seed);
            var keys = new[] { "a", "b" };
            var live = new List<(string K, long T, long? V)>();
            var script = new List<(string, object?[])[]>();
            var nextTime = keys.ToDictionary(k => k, _ => 1000L);
            for (var step = 0; step < 150; step++)
            {
                var batch = new List<(string, object?[])>();
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    if (live.Count > 5 && random.Next(4) == 0)
                    {
                        var gone = live[random.Next(live.Count)];
                        live.Remove(gone);
                        batch.Add(R("-D", gone.K, Ms(gone.T), gone.V));
                    }
                    else
                    {
                        // Mostly appended at the end of the partition (as q6's Top-1 changes are), sometimes earlier.
                        var key = keys[random.Next(keys.Length)];
                        var time = random.Next(5) == 0 ? nextTime[key] - random.Next(1, 900) * 2 - 1 : nextTime[key] += 2;
                        if (live.Any(r => r.K == key && r.T == time))
                        {
                            continue;
                        }

                        long? value = random.Next(8) == 0 ? null : random.Next(-50, 100);
                        live.Add((key, time, value));
                        batch.Add(R("+I", key, Ms(time), value));
                    }
                }

                script.Add([.. batch]);
            }

            var output = Materialize(RunOneInput(
                () => new RetractingOverAggregateOperator(Input, [0], 1, OverFrame.Rows(preceding), Calls), Input, [.. script], -1, Rows));

            var expected = new List<string>();
            foreach (var partition in live.GroupBy(r => r.K))
            {
                var ordered = partition.OrderBy(r => r.T).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var frame = ordered.Skip(Math.Max(0, i - preceding)).Take(Math.Min(i, preceding) + 1).Where(r => r.V is not null).ToList();
                    var mean = frame.Count == 0 ? "null" : (frame.Sum(r => r.V!.Value) / frame.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var low = frame.Count == 0 ? "null" : frame.Min(r => r.V!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var value = ordered[i].V?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
                    expected.Add($"[{ordered[i].K}, {ordered[i].T}, {value}, {mean}, {low}, {frame.Count}]");
                }
            }

            Assert.True(expected.Count > 100);
            Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
        }
    }
}
