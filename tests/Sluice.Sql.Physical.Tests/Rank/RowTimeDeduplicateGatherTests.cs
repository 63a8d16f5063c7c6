using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Rank;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Rank;

/// <summary>
/// <see cref="RowTimeDeduplicateOperator"/> copies the rows it emits from the input batch and decodes only the retractions
/// of rows kept before the batch, which it emits first: with keys repeated within and across batches, filtered input
/// batches (a selection) and a snapshot in between, each key's changes must be exactly the row-by-row deduplication's, in
/// order, and a batch's retractions of earlier rows must come before its other changes.
/// </summary>
public sealed class RowTimeDeduplicateGatherTests
{
    /// <summary>(k, v, ts, n): PARTITION BY k ORDER BY ts; v a string (sometimes NULL), n a number.</summary>
    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("n", DataTypes.BigInt()),
    ], rowTimeIndex: 2);

    [Theory]
    [InlineData(DeduplicateKeep.LastRow, true, -1)]
    [InlineData(DeduplicateKeep.LastRow, true, 7)]
    [InlineData(DeduplicateKeep.FirstRow, true, 4)]
    [InlineData(DeduplicateKeep.LastRow, false, -1)]
    [InlineData(DeduplicateKeep.FirstRow, false, 9)]
    public void EachKeysChanges_AreTheRowByRowDeduplications(DeduplicateKeep keep, bool updateBefore, int snapshotAfter)
    {
        var random = new Random(71 + (int)keep + (updateBefore ? 0 : 10));
        var batches = new List<(string K, string? V, long T, long N)[]>();
        for (var b = 0; b < 16; b++)
        {
            // Times drift towards the kept end (later for LastRow, earlier for FirstRow), with ties and disorder within a
            // batch, so that most keys are replaced again and again.
            batches.Add([.. Enumerable.Range(0, random.Next(1, 30)).Select(_ => (
                $"k{random.Next(12)}",
                random.Next(6) == 0 ? null : new string((char)('a' + random.Next(26)), random.Next(0, 40)),
                keep == DeduplicateKeep.LastRow ? (b * 3L) + random.Next(6) : 59 - (b * 3L) - random.Next(6),
                (long)random.Next(1000)))]);
        }

        // Every third batch arrives filtered: only its even rows are selected.
        var output = new List<List<string>>();
        var harness = new OperatorHarness(NewOperator(keep, updateBefore));
        try
        {
            for (var b = 0; b < batches.Count; b++)
            {
                var rows = batches[b].Select(r => R("+I", r.K, r.V, DateTime.UnixEpoch.AddSeconds(r.T), r.N)).ToArray();
                var batch = Batch(Input, rows);
                if (b % 3 == 2)
                {
                    batch = batch.WithSelection([.. Enumerable.Range(0, rows.Length).Where(i => i % 2 == 0)]);
                    batches[b] = [.. batches[b].Where((_, i) => i % 2 == 0)];
                }

                harness.ProcessBatch(batch);
                output.Add(Output(harness));
                harness.ClearOutput();
                if (b == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    harness.Dispose();
                    harness = new OperatorHarness(NewOperator(keep, updateBefore), restoreFrom: [snapshot]);
                }
            }
        }
        finally
        {
            harness.Dispose();
        }

        // The reference: row by row, per key.
        var kept = new Dictionary<string, (long T, string Text)>();
        var changes = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            var expected = new List<string>();
            var keptBefore = new Dictionary<string, (long T, string Text)>(kept);
            foreach (var (k, v, t, n) in batches[b])
            {
                var text = $"[{k}, {v ?? "null"}, 1970-01-01T00:00:{t:00}, {n}]";
                if (!kept.TryGetValue(k, out var previous))
                {
                    expected.Add("+I" + text);
                }
                else if (keep == DeduplicateKeep.LastRow ? t >= previous.T : t < previous.T)
                {
                    if (updateBefore)
                    {
                        expected.Add("-U" + previous.Text);
                    }

                    expected.Add("+U" + text);
                }
                else
                {
                    continue;
                }

                kept[k] = (t, text);
            }

            changes += expected.Count;
            var actual = output[b];
            Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
            foreach (var key in expected.Select(KeyOf).Distinct())
            {
                Assert.Equal(expected.Where(c => KeyOf(c) == key), actual.Where(c => KeyOf(c) == key));
            }

            // The retractions of rows kept before the batch lead the batch's output.
            var earlier = actual.TakeWhile(c => c.StartsWith("-U", StringComparison.Ordinal)
                && keptBefore.TryGetValue(KeyOf(c), out var before) && "-U" + before.Text == c).Count();
            Assert.Equal(actual.Count(c => c.StartsWith("-U", StringComparison.Ordinal) && keptBefore.Values.Any(p => "-U" + p.Text == c)), earlier);
        }

        Assert.True(changes > 60);
    }

    [Fact]
    public void AKeyReplacedTwiceInABatch_RetractsItsEarlierRowAndThenTheRowOfThatBatch()
    {
        using var harness = new OperatorHarness(NewOperator(DeduplicateKeep.LastRow, true));
        harness.ProcessBatch(Batch(Input, R("+I", "a", "x", DateTime.UnixEpoch.AddSeconds(1), 1L)));
        harness.ProcessBatch(Batch(Input,
            R("+I", "b", "p", DateTime.UnixEpoch.AddSeconds(1), 2L),
            R("+I", "a", "y", DateTime.UnixEpoch.AddSeconds(2), 3L),
            R("+I", "a", "z", DateTime.UnixEpoch.AddSeconds(3), 4L)));

        Assert.Equal(
        [
            "+I[a, x, 1970-01-01T00:00:01, 1]",
            "-U[a, x, 1970-01-01T00:00:01, 1]",
            "+I[b, p, 1970-01-01T00:00:01, 2]",
            "+U[a, y, 1970-01-01T00:00:02, 3]",
            "-U[a, y, 1970-01-01T00:00:02, 3]",
            "+U[a, z, 1970-01-01T00:00:03, 4]",
        ], Output(harness));
    }

    [Fact]
    public void AKeysLastRowsInABatchReplaceNothing_TheRowKeptEarlierInTheBatchIsStoredAndRetractedAfterRestore()
    {
        // Only the last kept row of a key in a batch is encoded for the state: here the kept row (x) is followed in its
        // batch by rows of the same key that replace nothing, so it must be stored when the key's last row is seen.
        var harness = new OperatorHarness(NewOperator(DeduplicateKeep.LastRow, true));
        try
        {
            harness.ProcessBatch(Batch(Input,
                R("+I", "a", "w", DateTime.UnixEpoch.AddSeconds(4), 0L),
                R("+I", "a", "x", DateTime.UnixEpoch.AddSeconds(5), 1L),
                R("+I", "b", "p", DateTime.UnixEpoch.AddSeconds(5), 2L),
                R("+I", "a", "y", DateTime.UnixEpoch.AddSeconds(3), 3L),
                R("+I", "a", "z", DateTime.UnixEpoch.AddSeconds(4), 4L)));
            Assert.Equal(
            [
                "+I[a, w, 1970-01-01T00:00:04, 0]",
                "-U[a, w, 1970-01-01T00:00:04, 0]",
                "+U[a, x, 1970-01-01T00:00:05, 1]",
                "+I[b, p, 1970-01-01T00:00:05, 2]",
            ], Output(harness));
            var snapshot = harness.Snapshot(1);
            harness.Dispose();
            harness = new OperatorHarness(NewOperator(DeduplicateKeep.LastRow, true), restoreFrom: [snapshot]);

            harness.ProcessBatch(Batch(Input,
                R("+I", "a", "v", DateTime.UnixEpoch.AddSeconds(5), 5L),
                R("+I", "b", "q", DateTime.UnixEpoch.AddSeconds(4), 6L)));
            Assert.Equal(
            [
                "-U[a, x, 1970-01-01T00:00:05, 1]",
                "+U[a, v, 1970-01-01T00:00:05, 5]",
            ], Output(harness));
        }
        finally
        {
            harness.Dispose();
        }
    }

    private static RowTimeDeduplicateOperator NewOperator(DeduplicateKeep keep, bool updateBefore) =>
        new(Input, [0], 2, keep, generateUpdateBefore: updateBefore);

    private static string KeyOf(string change) => change[3..change.IndexOf(',', StringComparison.Ordinal)];
}
