using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// The regular join with its rows in pooled blocks (no time-to-live): keys that grow through many block sizes, lose rows
/// (their blocks move and shrink) and lose all their rows (their blocks go back and are reused by other keys) give the
/// same changelog as a run without a restore, snapshotted and restored at every step, at the same and at another
/// parallelism.
/// </summary>
public sealed class JoinArenaStateTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()), new Field("r", DataTypes.String()));

    /// <summary>
    /// Six keys; each step adds rows of growing length (a key reaches a few kilobytes, through a dozen block sizes) to
    /// one side, and every third step retracts most of a key's rows or all of them, so that blocks are freed, shrunk and
    /// taken again by other keys.
    /// </summary>
    private static (int Input, (string, object?[])[] Rows)[] Script()
    {
        var steps = new List<(int, (string, object?[])[])>();
        var stored = new List<(int Key, string Text)>[2] { [], [] };
        for (var step = 0; step < 18; step++)
        {
            var input = step % 2;
            var rows = new List<(string, object?[])>();
            if (step % 3 == 2)
            {
                var key = step % 6;
                var mine = stored[input].Where(r => r.Key == key).ToList();
                var keep = step % 4 == 0 ? 0 : mine.Count / 5;
                foreach (var (k, text) in mine.Skip(keep))
                {
                    rows.Add(R("-D", k, text));
                    stored[input].Remove((k, text));
                }
            }

            for (var i = 0; i < 40; i++)
            {
                var key = (step + i) % 6;
                var text = $"s{step}-r{i}-" + new string((char)('a' + (i % 26)), (step * 7) + (i % 13));
                rows.Add(R("+I", key, text));
                stored[input].Add((key, text));
            }

            steps.Add((input, rows.ToArray()));
        }

        return [.. steps];
    }

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Left)]
    [InlineData(JoinKind.Full)]
    public void GrowingAndShrinkingKeys_RestoredAtAnyStep_GiveTheUninterruptedChangelog(JoinKind kind)
    {
        var script = Script();
        var uninterrupted = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], kind), Left, Right, script, -1);
        Assert.NotEmpty(uninterrupted);
        for (var after = 0; after < script.Length - 1; after += 2)
        {
            Assert.Equal(uninterrupted, RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], kind), Left, Right, script, after));
        }
    }

    [Fact]
    public void ASnapshotOfPooledRows_RestoresAtTwoSubtasks_AndBackIntoOne()
    {
        var script = Script();
        var first = script[..9];
        var rest = script[9..];
        var uninterrupted = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], JoinKind.Full), Left, Right, script, -1);

        var output = new List<string>();
        OperatorSnapshot snapshot;
        using (var single = new OperatorHarness(new JoinOperator(Left, Right, [0], [0], JoinKind.Full)).Open())
        {
            foreach (var (input, rows) in first)
            {
                single.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
            }

            snapshot = single.Snapshot(1);
            output.AddRange(Output(single));
        }

        // Two subtasks take the key groups apart; each gets the keys of its own, and both snapshots restore into one again.
        var subtasks = Enumerable.Range(0, 2)
            .Select(i => new OperatorHarness(new JoinOperator(Left, Right, [0], [0], JoinKind.Full), parallelism: 2, subtaskIndex: i,
                restoreFrom: [snapshot]).Open())
            .ToArray();
        OperatorSnapshot[] split;
        try
        {
            split = [subtasks[0].Snapshot(2), subtasks[1].Snapshot(2)];
        }
        finally
        {
            foreach (var subtask in subtasks)
            {
                subtask.Dispose();
            }
        }

        using var merged = new OperatorHarness(new JoinOperator(Left, Right, [0], [0], JoinKind.Full), restoreFrom: split).Open();
        foreach (var (input, rows) in rest)
        {
            merged.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
        }

        output.AddRange(Output(merged));
        Assert.Equal(uninterrupted, output);
    }
}
