using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

public sealed class GroupAggregateOperatorTests
{
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.BigInt()),
        new Field("d", DataTypes.Double()));

    private static GroupAggregateOperator NewOperator(bool insertOnly = false) => new(Input, [0],
    [
        new AggregateCall(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt"),
        new AggregateCall(AggregateKind.Sum, 1, DataTypes.BigInt(), "s"),
        new AggregateCall(AggregateKind.Min, 1, DataTypes.BigInt(), "mn"),
        new AggregateCall(AggregateKind.Max, 1, DataTypes.BigInt(), "mx"),
        new AggregateCall(AggregateKind.Avg, 2, DataTypes.Double(), "av"),
        new AggregateCall(AggregateKind.Count, 1, DataTypes.BigInt().NotNull(), "cv"),
    ], insertOnlyInput: insertOnly);

    [Fact]
    public void OutputSchema_IsKeysThenAggregates()
    {
        var op = NewOperator();
        Assert.Equal(["k", "cnt", "s", "mn", "mx", "av", "cv"], op.OutputSchema.Fields.Select(f => f.Name));
    }

    [Fact]
    public void ProcessBatch_InsertsThenUpdates_EmitsInsertThenUpdatePairs()
    {
        using var harness = new OperatorHarness(NewOperator());
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L, 1.0), R("+I", "b", 5L, 2.0), R("+I", "a", 3L, 3.0)));
        Assert.Equal(["+I[a, 1, 1, 1, 1, 1, 1]", "+I[b, 1, 5, 5, 5, 2, 1]", "-U[a, 1, 1, 1, 1, 1, 1]", "+U[a, 2, 4, 1, 3, 2, 2]"], Output(harness));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("+I", "a", 7L, 5.0)));
        Assert.Equal(["-U[a, 2, 4, 1, 3, 2, 2]", "+U[a, 3, 11, 1, 7, 3, 3]"], Output(harness));
    }

    [Fact]
    public void ProcessBatch_Retractions_UpdateMinMaxAndDeleteEmptyGroup()
    {
        using var harness = new OperatorHarness(NewOperator());
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L, 1.0), R("+I", "a", 3L, 3.0), R("+I", "b", 5L, 2.0)));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("-D", "a", 1L, 1.0)));
        Assert.Equal(["-U[a, 2, 4, 1, 3, 2, 2]", "+U[a, 1, 3, 3, 3, 3, 1]"], Output(harness));
        harness.ClearOutput();

        // Row by row, as Flink: the -U takes b's only row (b is deleted), the +U starts it again.
        harness.ProcessBatch(Batch(Input, R("-U", "b", 5L, 2.0), R("+U", "b", 6L, 2.0), R("-D", "a", 3L, 3.0)));
        Assert.Equal(["-D[b, 1, 5, 5, 5, 2, 1]", "+I[b, 1, 6, 6, 6, 2, 1]", "-D[a, 1, 3, 3, 3, 3, 1]"], Output(harness));
    }

    [Fact]
    public void ProcessBatch_UnchangedResultOrNetZeroNewGroup_EmitsNothingPerBundle()
    {
        // With one bundle per batch (mini-batch) the rows of a key that cancel out within it emit nothing.
        using var harness = new OperatorHarness(new GroupAggregateOperator(Input, [0],
            [new AggregateCall(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt")], miniBatch: OneBundlePerBatch));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L, 1.0)));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("-U", "a", 1L, 1.0), R("+U", "a", 1L, 1.0), R("+I", "z", 1L, 1.0), R("-D", "z", 1L, 1.0)));
        Assert.Empty(Output(harness));
    }

    [Fact]
    public void ProcessBatch_RowByRow_TheRetractionOfAGroupsLastRowDeletesIt_AndTheNextRowInsertsIt()
    {
        // Without mini-batch, the same rows as above, as Flink's GroupAggFunction emits them.
        using var harness = new OperatorHarness(NewOperator());
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L, 1.0)));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("-U", "a", 1L, 1.0), R("+U", "a", 1L, 1.0), R("+I", "z", 1L, 1.0), R("-D", "z", 1L, 1.0)));
        Assert.Equal(["-D[a, 1, 1, 1, 1, 1, 1]", "+I[a, 1, 1, 1, 1, 1, 1]", "+I[z, 1, 1, 1, 1, 1, 1]", "-D[z, 1, 1, 1, 1, 1, 1]"], Output(harness));
    }

    [Fact]
    public void ProcessBatch_RetractionOfUnknownGroup_IsIgnored()
    {
        using var harness = new OperatorHarness(NewOperator());
        harness.ProcessBatch(Batch(Input, R("-D", "a", 1L, 1.0), R("+I", "a", 2L, 2.0)));
        Assert.Equal(["+I[a, 1, 2, 2, 2, 2, 1]"], Output(harness));
    }

    [Fact]
    public void ProcessBatch_NullArguments_AreSkippedAndSumIsNullWithoutValues()
    {
        using var harness = new OperatorHarness(NewOperator());
        harness.ProcessBatch(Batch(Input, R("+I", "a", null, null)));
        Assert.Equal(["+I[a, 1, null, null, null, null, 0]"], Output(harness));
    }

    [Fact]
    public void ProcessBatch_DecimalSumAndIntegerAverage_UseResultTypes()
    {
        var schema = Schema.Of(new Field("k", DataTypes.Int()), new Field("p", DataTypes.Decimal(10, 2)), new Field("n", DataTypes.Int()));
        var op = new GroupAggregateOperator(schema, [0],
        [
            new AggregateCall(AggregateKind.Sum, 1, DataTypes.Decimal(38, 2), "total"),
            new AggregateCall(AggregateKind.Avg, 2, DataTypes.Int(), "avg_n"),
        ]);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(schema, R("+I", 1, 1.25m, 1), R("+I", 1, 2.50m, 2)));
        Assert.Equal(["+I[1, 1.25, 1]", "-U[1, 1.25, 1]", "+U[1, 3.75, 1]"], Output(harness));
    }

    [Fact]
    public void InsertOnlyInput_MinMaxKeepTheExtremum_AcrossASnapshot_AndARetractionFailsLoudly()
    {
        // Insert-only MIN/MAX keep one value (Flink's MaxAggFunction), not the multiset that retractions need; the
        // results are those of the retractable operator, also after a restore.
        var script = new[]
        {
            Batch(Input, R("+I", "a", 5L, 1.0), R("+I", "b", 2L, 2.0), R("+I", "a", 3L, 1.0)),
            Batch(Input, R("+I", "a", 9L, 1.0), R("+I", "b", null, 2.0)),
            Batch(Input, R("+I", "a", 4L, 1.0), R("+I", "b", -7L, 3.0)),
        };
        var expected = Run(script.Select(Clone), snapshotAfter: -1);
        Assert.Equal(expected, Run(script.Select(Clone), snapshotAfter: -1, insertOnly: true));
        Assert.Equal(expected, Run(script, snapshotAfter: 1, insertOnly: true));
        Assert.Contains("+U[a, 4, 21, 3, 9, 1, 4]", expected);

        using var harness = new OperatorHarness(NewOperator(insertOnly: true));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 5L, 1.0)));
        var error = Assert.Throws<Core.Errors.TaskFailureException>(() => harness.ProcessBatch(Batch(Input, R("-D", "a", 5L, 1.0))));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("insert-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        var script = new[]
        {
            Batch(Input, R("+I", "a", 1L, 1.0), R("+I", "b", 2L, 2.0)),
            Batch(Input, R("+I", "a", 4L, 1.0), R("-D", "b", 2L, 2.0)),
            Batch(Input, R("+I", "b", 9L, 3.0), R("-U", "a", 1L, 1.0), R("+U", "a", 0L, 1.0)),
            Batch(Input, R("-D", "a", 4L, 1.0), R("+I", "c", 3L, 3.0)),
        };
        var expected = Run(script.Select(Clone), snapshotAfter: -1);
        var actual = Run(script, snapshotAfter: 1);
        Assert.Equal(expected, actual);
        Assert.NotEmpty(expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Snapshot_OfTwoSubtasks_RestoresAtAnotherParallelism(int newParallelism)
    {
        var keys = Enumerable.Range(0, 40).Select(i => $"key{i}").ToArray();
        var selector = new RecordBatchKeySelector([0]);
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(NewOperator(), parallelism: 2, subtaskIndex: subtask);
            var mine = keys.Where(k => SubtaskOf(selector, k, 2) == subtask).ToArray();
            harness.ProcessBatch(Batch(Input, mine.Select(k => R("+I", k, 10L, 1.0)).ToArray()));
            snapshots.Add(harness.Snapshot(1));
        }

        var restoredOutput = new List<string>();
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var harness = new OperatorHarness(NewOperator(), parallelism: newParallelism, subtaskIndex: subtask, restoreFrom: snapshots);
            var mine = keys.Where(k => SubtaskOf(selector, k, newParallelism) == subtask).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Batch(Input, mine.Select(k => R("+I", k, 5L, 3.0)).ToArray()));
            }

            restoredOutput.AddRange(Output(harness));
        }

        var expected = keys.SelectMany(k => new[] { $"-U[{k}, 1, 10, 10, 10, 1, 1]", $"+U[{k}, 2, 15, 5, 10, 2, 2]" }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, restoredOutput.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void RandomChangelog_MaterializedView_EqualsGroupByOverNetInput(int seed)
    {
        var random = new Random(seed);
        var live = new List<(string K, long? V, double D)>();
        var op = NewOperator();
        using var harness = new OperatorHarness(op);
        for (var b = 0; b < 30; b++)
        {
            var rows = new List<(string, object?[])>();
            for (var r = random.Next(1, 12); r > 0; r--)
            {
                if (live.Count > 0 && random.NextDouble() < 0.4)
                {
                    var victim = live[random.Next(live.Count)];
                    live.Remove(victim);
                    rows.Add(R(random.Next(2) == 0 ? "-D" : "-U", victim.K, victim.V, victim.D));
                }
                else
                {
                    var row = ($"k{random.Next(6)}", random.Next(5) == 0 ? (long?)null : random.Next(-50, 50), (double)random.Next(0, 8));
                    live.Add(row);
                    rows.Add(R(random.Next(2) == 0 ? "+I" : "+U", row.Item1, row.Item2, row.Item3));
                }
            }

            harness.ProcessBatch(Batch(Input, [.. rows]));
        }

        var expected = live.GroupBy(r => r.K).Select(g =>
        {
            var values = g.Where(r => r.V is not null).Select(r => r.V!.Value).ToList();
            string Or(Func<List<long>, long> f) => values.Count == 0 ? "null" : f(values).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var avg = g.Average(r => r.D).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return $"[{g.Key}, {g.Count()}, {Or(v => v.Sum())}, {Or(v => v.Min())}, {Or(v => v.Max())}, {avg}, {values.Count}]";
        }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Materialize(Output(harness)));
    }

    private static List<string> Run(IEnumerable<RecordBatch> script, int snapshotAfter, bool insertOnly = false)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(NewOperator(insertOnly));
        try
        {
            var index = 0;
            foreach (var batch in script)
            {
                harness.ProcessBatch(batch);
                if (index++ == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(NewOperator(insertOnly), restoreFrom: [snapshot]);
                }
            }

            output.AddRange(Output(harness));
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }

    private static RecordBatch Clone(RecordBatch batch) => batch.Gather(Enumerable.Range(0, batch.RowCount).ToArray());

    private static int SubtaskOf(RecordBatchKeySelector selector, string key, int parallelism)
    {
        using var batch = Batch(Input, R("+I", key, 0L, 0.0));
        Span<int> hash = stackalloc int[1];
        selector.ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }
}
