using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Keys;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Sinks;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Sinks;

public sealed class SinkUpsertMaterializeOperatorTests
{
    // Sink columns: email is the sink's primary key, id identifies the upstream row (the query's upsert key).
    private static readonly Schema Input = Schema.Of(new Field("email", DataTypes.String().NotNull()), new Field("id", DataTypes.Int()));

    [Fact]
    public void RowMovingToAnotherKey_DeletesTheOldKey()
    {
        using var harness = Open(upsertKey: [1]);
        harness.ProcessBatch(Batch(Input, R("+I", "a@x", 1), R("+I", "b@x", 2)));
        harness.ProcessBatch(Batch(Input, R("-U", "a@x", 1), R("+U", "c@x", 1)));

        Assert.Equal(["+I[a@x, 1]", "+I[b@x, 2]", "-D[a@x, 1]", "+I[c@x, 1]"], Output(harness));
        Assert.Equal(["[b@x, 2]", "[c@x, 1]"], Upserted(Output(harness)));
    }

    [Fact]
    public void InsertOfOneRow_BeforeTheDeleteOfAnother_KeepsTheInsertedRow()
    {
        // Row 2 takes over a@x, and its +I arrives (from another upstream subtask) before row 1's -D.
        using var harness = Open(upsertKey: [1]);
        harness.ProcessBatch(Batch(Input, R("+I", "a@x", 1)));
        harness.ProcessBatch(Batch(Input, R("+I", "a@x", 2)));
        harness.ProcessBatch(Batch(Input, R("-D", "a@x", 1)));

        Assert.Equal(["+I[a@x, 1]", "+U[a@x, 2]"], Output(harness));
        Assert.Equal(["[a@x, 2]"], Upserted(Output(harness)));
    }

    [Fact]
    public void UpdateAfter_BeforeItsUpdateBefore_AndRemovingTheLastRow_EmitsThePreviousOne()
    {
        using var harness = Open(upsertKey: null);
        harness.ProcessBatch(Batch(Input, R("+I", "a@x", 1), R("+U", "a@x", 2), R("-U", "a@x", 1)));
        Assert.Equal(["+I[a@x, 1]", "+U[a@x, 2]"], Output(harness));

        harness.ClearOutput();
        harness.ProcessBatch(Batch(Input, R("+I", "a@x", 3), R("-D", "a@x", 3)));
        Assert.Equal(["+U[a@x, 3]", "+U[a@x, 2]"], Output(harness));
    }

    [Fact]
    public void WithAnUpsertKey_ARowReplacesTheAliveRowWithItsKey()
    {
        using var harness = Open(upsertKey: [1]);
        harness.ProcessBatch(Batch(Input, R("+I", "a@x", 1), R("+I", "a@x", 2), R("+U", "a@x", 1)));
        harness.ProcessBatch(Batch(Input, R("-D", "a@x", 1)));

        // After the replacement row 1 is the last alive row again; deleting it leaves row 2.
        Assert.Equal(["+I[a@x, 1]", "+U[a@x, 2]", "+U[a@x, 1]", "+U[a@x, 2]"], Output(harness));
    }

    [Fact]
    public void WithoutAnUpsertKey_DuplicateRowsAreKeptAsOftenAsAdded()
    {
        using var harness = Open(upsertKey: null);
        harness.ProcessBatch(Batch(Input, R("+I", "a@x", 1), R("+I", "a@x", 1)));
        harness.ProcessBatch(Batch(Input, R("-D", "a@x", 1)));
        Assert.Equal(["[a@x, 1]"], Upserted(Output(harness)));

        harness.ProcessBatch(Batch(Input, R("-D", "a@x", 1)));
        Assert.Empty(Upserted(Output(harness)));
        Assert.Equal("-D[a@x, 1]", Output(harness)[^1]);
    }

    [Fact]
    public void RetractionOfARowThatIsNotAlive_IsIgnored()
    {
        using var harness = Open(upsertKey: [1]);
        harness.ProcessBatch(Batch(Input, R("-D", "a@x", 1), R("+I", "b@x", 2), R("-U", "b@x", 3)));

        Assert.Equal(["+I[b@x, 2]"], Output(harness));
    }

    [Fact]
    public void NoUpdateBeforeIsEverEmitted()
    {
        using var harness = Open(upsertKey: null);
        harness.ProcessBatch(Batch(Input,
            R("+I", "a@x", 1), R("-U", "a@x", 1), R("+U", "a@x", 2), R("+I", "b@x", 1), R("-D", "a@x", 2), R("+U", "b@x", 2)));

        Assert.DoesNotContain(Output(harness), line => line.StartsWith("-U", StringComparison.Ordinal));
        Assert.Equal(["[b@x, 2]"], Upserted(Output(harness)));
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "a@x", 1), R("+I", "b@x", 2), R("+I", "a@x", 3)],
            [R("-U", "a@x", 1), R("+U", "c@x", 1), R("+I", "b@x", 4)],
            [R("-D", "a@x", 3), R("-D", "b@x", 4), R("+I", "a@x", 5), R("-D", "b@x", 2)],
        ];
        foreach (int[]? upsertKey in new[] { null, new[] { 1 } })
        {
            var uninterrupted = Run(script, -1, upsertKey);
            Assert.Equal(uninterrupted, Run(script, 0, upsertKey));
            Assert.Equal(uninterrupted, Run(script, 1, upsertKey));
            Assert.Equal(["[a@x, 5]", "[c@x, 1]"], Upserted(uninterrupted));
        }
    }

    [Fact]
    public void Snapshot_RestoredAtAnotherParallelism_KeepsEachKeysRows()
    {
        using var first = Open(upsertKey: [1]);
        first.ProcessBatch(Batch(Input, R("+I", "a@x", 1), R("+I", "a@x", 2), R("+I", "b@x", 3)));
        var snapshot = first.Snapshot(1);

        // Two subtasks of parallelism 2 together own every key group; each key's alive rows move with it.
        var outputs = new List<string>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var restored = new OperatorHarness(new SinkUpsertMaterializeOperator(Input, [0], [1]), parallelism: 2, subtaskIndex: subtask,
                restoreFrom: [snapshot]);
            restored.Open();
            foreach (var (email, id) in new[] { ("a@x", 2), ("b@x", 3) })
            {
                if (SubtaskOf(email, 2) == subtask)
                {
                    restored.ProcessBatch(Batch(Input, R("-D", email, id)));
                }
            }

            outputs.AddRange(Output(restored));
        }

        Assert.Equal(["+U[a@x, 1]", "-D[b@x, 3]"], outputs.Order(StringComparer.Ordinal));
    }

    private static int SubtaskOf(string email, int parallelism)
    {
        using var batch = Batch(Input, R("+I", email, 0));
        var key = new RowEncoder(Input, [0]).KeyOf(batch, 0);
        var group = KeyGroups.Assign(RowKeyHasher.Instance.GetStableHash(key), KeyGroups.DefaultMaxParallelism);
        return KeyGroups.SubtaskFor(group, KeyGroups.DefaultMaxParallelism, parallelism);
    }

    private static OperatorHarness Open(int[]? upsertKey)
    {
        var harness = new OperatorHarness(new SinkUpsertMaterializeOperator(Input, [0], upsertKey));
        harness.Open();
        return harness;
    }

    private static List<string> Run((string, object?[])[][] script, int snapshotAfter, int[]? upsertKey) =>
        RunOneInput(() => new SinkUpsertMaterializeOperator(Input, [0], upsertKey), Input, script, snapshotAfter);

    /// <summary>Applies upserts keyed by the first column (as an upsert sink does): +I/+U put the row, -D removes the key.</summary>
    internal static List<string> Upserted(IEnumerable<string> changelog)
    {
        var table = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in changelog)
        {
            var row = line[2..];
            var key = row[1..row.IndexOf(',', StringComparison.Ordinal)];
            if (line.StartsWith("-D", StringComparison.Ordinal))
            {
                table.Remove(key);
            }
            else
            {
                Assert.False(line.StartsWith("-U", StringComparison.Ordinal), $"An upsert sink got {line}.");
                table[key] = row;
            }
        }

        return [.. table.Values];
    }
}
