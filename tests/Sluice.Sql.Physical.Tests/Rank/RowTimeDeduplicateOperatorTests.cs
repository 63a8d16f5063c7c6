using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Rank;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Rank;

public sealed class RowTimeDeduplicateOperatorTests
{
    /// <summary>(k, v, ts): PARTITION BY k ORDER BY ts.</summary>
    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
    ], rowTimeIndex: 2);

    private static (string, object?[]) Row(string k, string v, long tsSeconds) => R("+I", k, v, DateTime.UnixEpoch.AddSeconds(tsSeconds));

    private static string Text(string kind, string k, string v, long tsSeconds) => $"{kind}[{k}, {v}, 1970-01-01T00:00:{tsSeconds:00}]";

    private static List<string> Feed(RowTimeDeduplicateOperator op, params (string, object?[])[][] batches)
    {
        using var harness = new OperatorHarness(op);
        foreach (var rows in batches)
        {
            harness.ProcessBatch(Batch(Input, rows));
        }

        return Output(harness);
    }

    [Fact]
    public void KeepFirst_EarlierRowReplacesKeptRow_TiesKeepFirstArrival()
    {
        var output = Feed(new RowTimeDeduplicateOperator(Input, [0], 2, DeduplicateKeep.FirstRow),
            [Row("a", "x", 5), Row("a", "y", 3)],
            [Row("a", "z", 3), Row("a", "w", 4), Row("b", "q", 1)]);
        Assert.Equal(
        [
            Text("+I", "a", "x", 5), Text("-U", "a", "x", 5), Text("+U", "a", "y", 3),
            Text("+I", "b", "q", 1),
        ], output);
    }

    [Fact]
    public void KeepLast_LaterOrEqualTimeReplacesKeptRow()
    {
        var output = Feed(new RowTimeDeduplicateOperator(Input, [0], 2, DeduplicateKeep.LastRow),
            [Row("a", "x", 5), Row("a", "y", 3), Row("a", "z", 5)],
            [Row("a", "w", 7)]);
        Assert.Equal(
        [
            Text("+I", "a", "x", 5), Text("-U", "a", "x", 5), Text("+U", "a", "z", 5),
            Text("-U", "a", "z", 5), Text("+U", "a", "w", 7),
        ], output);
    }

    [Fact]
    public void WithoutUpdateBefore_EmitsOnlyUpdateAfter()
    {
        var output = Feed(new RowTimeDeduplicateOperator(Input, [0], 2, DeduplicateKeep.LastRow, generateUpdateBefore: false),
            [Row("a", "x", 5), Row("a", "z", 6)]);
        Assert.Equal([Text("+I", "a", "x", 5), Text("+U", "a", "z", 6)], output);
    }

    [Fact]
    public void NullTime_ThrowsUserError_NonInsertThrows_BadColumnRejected()
    {
        using var harness = new OperatorHarness(new RowTimeDeduplicateOperator(Input, [0], 2, DeduplicateKeep.FirstRow));
        var failure = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Input, R("+I", "a", "x", null))));
        var error = Assert.IsType<SluiceException>(failure.InnerException);
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("'ts'", error.Message, StringComparison.Ordinal);
        failure = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Input, R("-D", "a", "x", DateTime.UnixEpoch))));
        Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Throws<ArgumentException>(() => new RowTimeDeduplicateOperator(Input, [0], 1, DeduplicateKeep.FirstRow));
    }

    [Theory]
    [InlineData(DeduplicateKeep.FirstRow)]
    [InlineData(DeduplicateKeep.LastRow)]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun(DeduplicateKeep keep)
    {
        (string, object?[])[][] script =
        [
            [Row("a", "x", 5), Row("b", "y", 2)],
            [Row("a", "z", 3), Row("b", "w", 9)],
            [Row("a", "u", 8), Row("b", "t", 1), Row("c", "s", 4)],
        ];
        var expected = Run(keep, script, snapshotAfter: -1);
        Assert.Equal(expected, Run(keep, script, snapshotAfter: 0));
        Assert.Equal(expected, Run(keep, script, snapshotAfter: 1));
        string[] derived = keep == DeduplicateKeep.FirstRow
            ?
            [
                Text("+I", "a", "x", 5), Text("+I", "b", "y", 2),
                Text("-U", "a", "x", 5), Text("+U", "a", "z", 3),
                Text("-U", "b", "y", 2), Text("+U", "b", "t", 1), Text("+I", "c", "s", 4),
            ]
            :
            [
                Text("+I", "a", "x", 5), Text("+I", "b", "y", 2),
                Text("-U", "b", "y", 2), Text("+U", "b", "w", 9),
                Text("-U", "a", "x", 5), Text("+U", "a", "u", 8), Text("+I", "c", "s", 4),
            ];
        Assert.Equal(derived, expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Snapshot_OfTwoSubtasks_RestoresAtAnotherParallelism(int newParallelism)
    {
        var keys = Enumerable.Range(0, 30).Select(i => $"key{i}").ToArray();
        var selector = new RecordBatchKeySelector([0]);
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(new RowTimeDeduplicateOperator(Input, [0], 2, DeduplicateKeep.FirstRow), parallelism: 2, subtaskIndex: subtask);
            harness.ProcessBatch(Batch(Input, keys.Where(k => SubtaskOf(selector, k, 2) == subtask).Select(k => Row(k, "x", 5)).ToArray()));
            snapshots.Add(harness.Snapshot(1));
        }

        var restored = new List<string>();
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var harness = new OperatorHarness(new RowTimeDeduplicateOperator(Input, [0], 2, DeduplicateKeep.FirstRow),
                parallelism: newParallelism, subtaskIndex: subtask, restoreFrom: snapshots);
            var mine = keys.Where(k => SubtaskOf(selector, k, newParallelism) == subtask).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Batch(Input, mine.Select(k => Row(k, "y", 4)).ToArray()));
            }

            restored.AddRange(Output(harness));
        }

        var expected = keys.SelectMany(k => new[] { Text("-U", k, "x", 5), Text("+U", k, "y", 4) }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, restored.Order(StringComparer.Ordinal));
    }

    private static List<string> Run(DeduplicateKeep keep, (string, object?[])[][] script, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(new RowTimeDeduplicateOperator(Input, [0], 2, keep));
        try
        {
            for (var i = 0; i < script.Length; i++)
            {
                harness.ProcessBatch(Batch(Input, script[i]));
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(new RowTimeDeduplicateOperator(Input, [0], 2, keep), restoreFrom: [snapshot]);
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

    private static int SubtaskOf(RecordBatchKeySelector selector, string key, int parallelism)
    {
        using var batch = Batch(Input, Row(key, "x", 0));
        Span<int> hash = stackalloc int[1];
        selector.ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }
}
