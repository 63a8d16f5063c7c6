using System.Globalization;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.EndToEnd;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// PERCENTILE as Flink 2.x documents it (sql_functions.yml) and computes it (PercentileAggFunction): the exact percentile
/// with linear interpolation at position p * (n - 1), frequencies, NULL handling, retractions, DISTINCT, snapshot and
/// restore, positioned errors; checked against a straightforward sort-and-interpolate over random inputs.
/// </summary>
/// <remarks>The harnesses print doubles in .NET's shortest form (<c>6</c>, not <c>6.0</c>) except inside CAST(... AS STRING).</remarks>
public sealed class PercentileAggregateTests
{
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()), new Field("v", DataTypes.Double()), new Field("p", DataTypes.Double()), new Field("f", DataTypes.BigInt()));

    [Fact]
    public async Task Percentile_InterpolatesLinearly_SingleAndArray()
    {
        // [1, 2, 3, 4]: the median is at position 1.5 -> 2.5; 0.25 at 0.75 -> 1.75; 1.0 is the maximum.
        var result = await SqlScriptRunner.RunAsync("""
            SELECT PERCENTILE(v, 0.5) AS median, CAST(PERCENTILE(v, ARRAY[0.25, 0.5, 1.0]) AS STRING) AS q,
                   PERCENTILE(CAST(v AS DECIMAL(5, 2)), 0) AS low, PERCENTILE(v, 0.5, f) AS weighted
            FROM (VALUES (1, 1), (2, 1), (3, 1), (4, 5), (CAST(NULL AS INT), 1)) AS t(v, f);
            """);

        // Weighted: 1, 2, 3, 4 x5 -> 8 values, the median at position 3.5 lies between two 4s.
        Assert.Equal(["[2.5, [1.75, 2.5, 4.0], 1, 4]"], result.Final);
    }

    [Fact]
    public async Task Percentile_SkipsRowsWithANullOrNonPositiveFrequency()
    {
        // Counted: 10 (x2), 20 (x1); skipped: 30 (NULL frequency), 40 (0), 50 (-1). Values 10, 10, 20: position 0.5 * 2 = 1 -> 10.
        var result = await SqlScriptRunner.RunAsync("""
            SELECT PERCENTILE(v, 0.5, f) AS m, PERCENTILE(v, 1.0, f) AS top
            FROM (VALUES (10, 2), (20, 1), (30, CAST(NULL AS INT)), (40, 0), (50, -1)) AS t(v, f);
            """);

        Assert.Equal(["[10, 20]"], result.Final);
    }

    [Fact]
    public async Task Percentile_OfNoCountedValue_IsNull()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT k, PERCENTILE(v, 0.5) AS m FROM (VALUES ('a', CAST(NULL AS DOUBLE)), ('b', 1.0)) AS t(k, v) GROUP BY k;
            """);

        Assert.Equal(["[a, NULL]", "[b, 1]"], result.Final);
    }

    [Fact]
    public async Task Percentile_OverAnUpdatingInput_Retracts()
    {
        // Inner counts end as a 3, b 1, c 2: the median of [1, 2, 3] is 2.
        var result = await SqlScriptRunner.RunAsync("""
            SELECT PERCENTILE(cnt, 0.5) AS m, PERCENTILE(DISTINCT cnt, 1.0) AS top
            FROM (SELECT k, COUNT(*) AS cnt FROM (VALUES ('a'), ('b'), ('a'), ('c'), ('a'), ('c')) AS t(k) GROUP BY k);
            """);

        Assert.Equal(["[2, 3]"], result.Final);
    }

    [Theory]
    [InlineData("SELECT PERCENTILE(v, 1.5) FROM (VALUES (1)) AS t(v);", "Percentage of PERCENTILE should be between [0.0, 1.0], but was '1.5'", 8)]
    [InlineData("SELECT PERCENTILE(v, -0.1) FROM (VALUES (1)) AS t(v);", "Percentage of PERCENTILE should be between [0.0, 1.0], but was '-0.1'", 8)]
    [InlineData("SELECT PERCENTILE(v, CAST(NULL AS DOUBLE)) FROM (VALUES (1)) AS t(v);", "must not be NULL", 8)]
    [InlineData("SELECT PERCENTILE(v, 0.5) FROM (VALUES ('a')) AS t(v);", "Cannot apply 'PERCENTILE' to arguments", 8)]
    [InlineData("SELECT PERCENTILE(v, 0.5, 1.5) FROM (VALUES (1)) AS t(v);", "Cannot apply 'PERCENTILE' to arguments", 8)]
    [InlineData("SELECT PERCENTILE(v, ARRAY['a']) FROM (VALUES (1)) AS t(v);", "must be a number or an array of numbers", 8)]
    public async Task Misuse_IsAPositionedError(string sql, string message, int column)
    {
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync(sql));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public async Task Percentile_ArrayPercentageOutOfRange_FailsTheJob()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SqlScriptRunner.RunAsync("""
            SELECT PERCENTILE(v, ARRAY[0.5, 2.0]) FROM (VALUES (1)) AS t(v);
            """));

        var messages = string.Join("\n", Chain(error).Select(e => e.Message));
        Assert.Contains("Percentage of PERCENTILE should be between [0.0, 1.0], but was '2'", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Percentile_MatchesAStraightforwardSortAndInterpolate_OverRandomRetractingInput(int seed, bool withFrequency)
    {
        var random = new Random(seed);
        var percentages = new[] { 0.0, 0.1, 0.25, 0.5, 0.73, 0.9, 1.0 };
        var live = new Dictionary<string, List<(double Value, long Frequency)>>();
        var script = new List<(string, object?[])[]>();
        for (var b = 0; b < 8; b++)
        {
            var batch = new List<(string, object?[])>();
            for (var r = 0; r < 40; r++)
            {
                var key = "k" + random.Next(3).ToString(CultureInfo.InvariantCulture);
                var rows = live.TryGetValue(key, out var list) ? list : live[key] = [];
                if (rows.Count > 0 && random.Next(4) == 0)
                {
                    var victim = rows[random.Next(rows.Count)];
                    rows.Remove(victim);
                    batch.Add(R("-D", key, victim.Value, 0.5, withFrequency ? victim.Frequency : 1L));
                    continue;
                }

                // Few distinct values, so ties and repeated values are common; some negative and fractional ones.
                var value = (random.Next(-5, 20) * 0.5) + (random.Next(4) == 0 ? 0.125 : 0);
                var frequency = withFrequency ? random.Next(1, 4) : 1L;
                rows.Add((value, frequency));
                batch.Add(R("+I", key, value, 0.5, frequency));
            }

            script.Add([.. batch]);
        }

        foreach (var p in percentages)
        {
            // The percentage is an argument column (constant, as a literal is once projected).
            var withPercentage = script.Select(batch => batch.Select(row => (row.Item1, (object?[])[row.Item2[0], row.Item2[1], p, row.Item2[3]])).ToArray()).ToArray();
            var output = Materialize(RunOneInput(() => Operator(withFrequency), Input, withPercentage, snapshotAfter: 3));
            foreach (var line in output)
            {
                var parts = line.Trim('[', ']').Split(", ");
                var expected = Reference(live[parts[0]], p);
                if (expected is null)
                {
                    Assert.Equal("NULL", parts[1]);
                    continue;
                }

                var actual = double.Parse(parts[1], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(actual - expected.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)),
                    $"p={p} key={parts[0]}: expected {expected}, got {actual}");
            }

            Assert.Equal(live.Keys.Where(k => live[k].Count > 0).Order(StringComparer.Ordinal), output.Select(l => l.Trim('[').Split(", ")[0]));
        }
    }

    [Fact]
    public void Percentile_Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "a", 1.0, 0.5, 1L), R("+I", "a", 3.0, 0.5, 2L), R("+I", "b", 5.0, 0.5, 1L)],
            [R("-D", "a", 3.0, 0.5, 2L), R("+I", "a", 2.0, 0.5, 1L)],
            [R("+I", "b", 7.0, 0.5, 1L), R("+I", "a", null, 0.5, 1L)],
        ];

        var expected = RunOneInput(() => Operator(true), Input, script, snapshotAfter: -1);
        var actual = RunOneInput(() => Operator(true), Input, script, snapshotAfter: 1);

        Assert.Equal(expected, actual);

        // a: [1, 2] -> 1.5; b: [5, 7] -> 6.
        Assert.Equal(["[a, 1.5]", "[b, 6]"], Materialize(actual));
    }

    /// <summary>The percentile of the rows expanded by their frequencies, sorted, interpolated at p * (n - 1).</summary>
    private static double? Reference(List<(double Value, long Frequency)> rows, double p)
    {
        var values = rows.SelectMany(r => Enumerable.Repeat(r.Value, (int)r.Frequency)).Order().ToArray();
        if (values.Length == 0)
        {
            return null;
        }

        var position = p * (values.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return low == high ? values[low] : values[low] + ((position - low) * (values[high] - values[low]));
    }

    private static GroupAggregateOperator Operator(bool withFrequency) => new(Input, [0],
    [
        new AggregateCall(AggregateKind.Percentile, withFrequency ? [1, 2, 3] : [1, 2], false, -1, DataTypes.Double(), "m"),
    ], insertOnlyInput: false);

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
