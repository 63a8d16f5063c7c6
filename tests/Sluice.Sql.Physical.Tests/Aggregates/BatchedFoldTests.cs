using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// The group aggregation folds a bundle without retractions run by run (<see cref="Aggregator.AccumulateRows"/>: call by
/// call, counters at once, the <c>DISTINCT</c> calls of one table with one lookup per row) and, with <c>COUNT(*)</c> among
/// the calls, appends a key's old and new results straight from its accumulators: the accumulators, their written state
/// and the emitted changelog are exactly those of the row-by-row fold.
/// </summary>
public sealed class BatchedFoldTests
{
    /// <summary>(k, v, w, i, low, high, s): BIGINT v and w (nullable), INT i, two filter flags, a string.</summary>
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.BigInt()),
        new Field("w", DataTypes.BigInt()),
        new Field("i", DataTypes.Int()),
        new Field("low", DataTypes.Boolean()),
        new Field("high", DataTypes.Boolean()),
        new Field("s", DataTypes.String()));

    /// <summary>Every fold path: row count, counters with and without FILTER and NULLs, shared DISTINCTs (BIGINT and INT), ordered and plain calls.</summary>
    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.CountStar, [], false, -1, DataTypes.BigInt().NotNull(), "n"),
        new(AggregateKind.CountStar, [], false, 4, DataTypes.BigInt().NotNull(), "n_low"),
        new(AggregateKind.Count, [2], false, 5, DataTypes.BigInt().NotNull(), "w_high"),
        new(AggregateKind.Count, [1], true, -1, DataTypes.BigInt().NotNull(), "dv"),
        new(AggregateKind.Count, [1], true, 4, DataTypes.BigInt().NotNull(), "dv_low"),
        new(AggregateKind.Count, [1], true, 5, DataTypes.BigInt().NotNull(), "dv_high"),
        new(AggregateKind.Sum, [1], true, 4, DataTypes.BigInt(), "sum_dv_low"),
        new(AggregateKind.Count, [3], true, -1, DataTypes.BigInt().NotNull(), "di"),
        new(AggregateKind.Count, [3], true, 5, DataTypes.BigInt().NotNull(), "di_high"),
        new(AggregateKind.Count, [2], true, -1, DataTypes.BigInt().NotNull(), "dw"),
        new(AggregateKind.Sum, [2], false, -1, DataTypes.BigInt(), "sum_w"),
        new(AggregateKind.Max, [6], false, 4, DataTypes.String(), "max_s"),
        new(AggregateKind.Avg, [1], false, -1, DataTypes.BigInt(), "avg_v"),
        new(AggregateKind.FirstValue, [2], false, 5, DataTypes.BigInt(), "first_w"),
        new(AggregateKind.LastValue, [6], false, -1, DataTypes.String(), "last_s"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AccumulateRows_LeavesTheAccumulatorsOfTheRowByRowFold(int seed)
    {
        var aggregator = new Aggregator(Input, Calls);
        var random = new Random(seed);
        var byRow = aggregator.CreateSet();
        var byRun = aggregator.CreateSet();
        for (var round = 0; round < 30; round++)
        {
            using var batch = Batch(Input, Rows(random, random.Next(1, 40), "k").ToArray());

            // Rows in an order of their own (as a key's rows in a shared batch), in runs of random length.
            var rows = Enumerable.Range(0, batch.RowCount).Where(_ => random.Next(4) > 0).Select(batch.PhysicalRow).ToArray();
            foreach (var row in rows)
            {
                aggregator.Apply(byRow, batch, row, retract: false);
            }

            for (var start = 0; start < rows.Length;)
            {
                var length = Math.Min(rows.Length - start, random.Next(1, 9));
                aggregator.AccumulateRows(byRun, batch, rows.AsSpan(start, length));
                start += length;
            }

            Assert.Equal(byRow.RowCount, byRun.RowCount);
            Assert.Equal(byRow.NextOrder, byRun.NextOrder);
            Assert.Equal(aggregator.Results(byRow), aggregator.Results(byRun));
        }

        var serializer = new AccumulatorSetSerializer(aggregator);
        Assert.Equal(Write(serializer, byRow), Write(serializer, byRun));
    }

    [Fact]
    public void AppendResults_AppendsTheValuesOfResults()
    {
        var aggregator = new Aggregator(Input, Calls);
        var set = aggregator.CreateSet();
        using var batch = Batch(Input, Rows(new Random(5), 50, "k").ToArray());
        aggregator.AccumulateRows(set, batch, Enumerable.Range(0, batch.RowCount).ToArray());
        var empty = aggregator.CreateSet();
        var schema = new Schema(aggregator.ResultFields.ToArray());
        using var direct = new RecordBatchBuilder(schema);
        using var viaValues = new RecordBatchBuilder(schema);
        foreach (var accumulators in new[] { set, empty })
        {
            aggregator.AppendResults(accumulators, direct, 0);
            direct.AppendRowKind(RowKind.Insert);
            Aggregator.AppendResults(aggregator.Results(accumulators), viaValues, 0);
            viaValues.AppendRowKind(RowKind.Insert);
        }

        using var a = direct.Build();
        using var b = viaValues.Build();
        Assert.Equal(b.ToRowStrings(), a.ToRowStrings());
        Assert.Contains("50", a.ToRowStrings()[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GroupAggregate_BundlesWithoutRetractions_EmitTheChangelogOfTheRowByRowFold(bool withRowCount)
    {
        var calls = withRowCount ? Calls : Calls[1..];
        var random = new Random(17);
        var batches = Enumerable.Range(0, 25).Select(_ => Rows(random, random.Next(1, 30), null).ToArray()).ToArray();

        // A retraction of a key without rows changes nothing (it is ignored), but sends its bundle down the row-by-row fold.
        var ignored = R("-D", "never", 1L, 1L, 1, true, true, "x");
        var batched = Run(calls, batches);
        var rowByRow = Run(calls, batches.Select(rows => rows.Append(ignored).ToArray()).ToArray());

        Assert.Equal(rowByRow, batched);
        Assert.Contains(batched, line => line.StartsWith("-U", StringComparison.Ordinal));
        Assert.Equal(5, Materialize(batched).Count);
    }

    [Fact]
    public void GroupAggregate_RestoredBetweenBatchedBundles_EndsWithTheUninterruptedResult()
    {
        var random = new Random(23);
        var script = Enumerable.Range(0, 6).Select(_ => Rows(random, 20, null).ToArray()).ToArray();
        var uninterrupted = RunOneInput(() => new GroupAggregateOperator(Input, [0], Calls), Input, script, snapshotAfter: -1);
        var restored = RunOneInput(() => new GroupAggregateOperator(Input, [0], Calls), Input, script, snapshotAfter: 2);
        Assert.Equal(uninterrupted, restored);
    }

    private static List<string> Run(AggregateCall[] calls, (string, object?[])[][] batches)
    {
        using var harness = new OperatorHarness(new GroupAggregateOperator(Input, [0], calls));
        foreach (var rows in batches)
        {
            harness.ProcessBatch(Batch(Input, rows));
        }

        return Output(harness);
    }

    /// <summary>Random +I and +U rows; key <paramref name="key"/>, or one of five keys when null.</summary>
    private static IEnumerable<(string, object?[])> Rows(Random random, int count, string? key)
    {
        for (var r = 0; r < count; r++)
        {
            object? v = random.Next(8) == 0 ? null : (long)random.Next(30);
            object? w = random.Next(6) == 0 ? null : (long)random.Next(12) - 4;
            object? i = random.Next(7) == 0 ? null : random.Next(9);
            object? low = random.Next(9) == 0 ? null : random.Next(2) == 0;
            object? s = random.Next(5) == 0 ? null : $"s{random.Next(20)}";
            yield return R(random.Next(5) == 0 ? "+U" : "+I", key ?? $"k{random.Next(5)}", v, w, i, low, random.Next(3) == 0, s);
        }
    }

    private static byte[] Write(AccumulatorSetSerializer serializer, AccumulatorSet set)
    {
        var writer = new BinaryBufferWriter(1024);
        serializer.Serialize(set, writer);
        return writer.WrittenSpan.ToArray();
    }
}
