using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// An inner join decodes each stored row once per batch and gathers it for every input row of the batch that joins it (a
/// hot key's row joined many times): the output is the same, row by row and kind by kind, as when each input row comes in
/// a batch of its own.
/// </summary>
public sealed class InnerJoinRepeatedStoredRowsTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(
        new Field("rid", DataTypes.Int()), new Field("r", DataTypes.String()), new Field("n", DataTypes.BigInt()));

    [Fact]
    public void ABatchJoiningTheSameStoredRowsManyTimes_EmitsEachJoinedRow()
    {
        using var harness = new OperatorHarness(new JoinOperator(Left, Right, [0], [0], JoinKind.Inner));
        // Key 1: "x" twice (one entry of count 2) and "y" with a NULL; key 2: "z".
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x", 10L), R("+I", 1, "x", 10L), R("+I", 1, "y", null), R("+I", 2, "z", 30L)), 1);
        harness.ProcessBatch(
            Batch(Left, R("+I", 1, "a"), R("+I", 2, "b"), R("+I", 3, "c"), R("+I", 1, "d"), R("-D", 1, "a"), R("+I", 2, "e")), 0);
        Assert.Equal(
        [
            "+I[1, a, 1, x, 10]", "+I[1, a, 1, x, 10]", "+I[1, a, 1, y, null]",
            "+I[2, b, 2, z, 30]",
            "+I[1, d, 1, x, 10]", "+I[1, d, 1, x, 10]", "+I[1, d, 1, y, null]",
            "-D[1, a, 1, x, 10]", "-D[1, a, 1, x, 10]", "-D[1, a, 1, y, null]",
            "+I[2, e, 2, z, 30]",
        ], Output(harness));
    }

    [Fact]
    public void WholeBatches_GiveTheChangelogOfOneRowPerBatch()
    {
        var random = new Random(7);
        var script = new List<(int Input, (string, object?[])[] Rows)>();
        var stored = new List<(int Key, string Text)>[2] { [], [] };
        for (var step = 0; step < 24; step++)
        {
            var input = step % 3 == 0 ? 1 : 0;
            var rows = new List<(string, object?[])>();
            for (var i = 0; i < 60; i++)
            {
                // Few keys, and one hot key (0) that most rows go to.
                var key = random.Next(3) == 0 ? random.Next(1, 5) : 0;
                if (stored[input].Count > 0 && random.Next(5) == 0)
                {
                    var (k, text) = stored[input][random.Next(stored[input].Count)];
                    stored[input].Remove((k, text));
                    rows.Add(input == 0 ? R("-D", k, text) : R("-D", k, text, (long)k * 100));
                    continue;
                }

                var value = $"v{random.Next(8)}" + new string('s', random.Next(12));
                stored[input].Add((key, value));
                rows.Add(input == 0 ? R("+I", key, value) : R("+I", key, value, random.Next(4) == 0 ? null : (long)key * 100));
                if (input == 1 && rows[^1].Item2[2] is null)
                {
                    // Retractions above rebuild the row with a value: keep such rows out of the stored list.
                    stored[input].RemoveAt(stored[input].Count - 1);
                }
            }

            script.Add((input, rows.ToArray()));
        }

        var perRow = script.SelectMany(step => step.Rows.Select(row => (step.Input, new[] { row }))).ToArray();
        var whole = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], JoinKind.Inner), Left, Right, [.. script], -1);
        var single = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], JoinKind.Inner), Left, Right, perRow, -1);
        Assert.True(whole.Count > 500, $"only {whole.Count} changes");
        Assert.Equal(single, whole);
    }
}
