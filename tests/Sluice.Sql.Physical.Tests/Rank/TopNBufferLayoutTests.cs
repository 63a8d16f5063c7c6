using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Rank;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Rank;

/// <summary>
/// The Top-N buffer as one array of (sort key, row) entries: its snapshot form is the grouped form of before (tie groups
/// with their rows), an insert-only Top-N (which drops rows below the range end without storing them) emits exactly
/// what the retracting Top-N emits for the same inserts, and it restores mid-stream.
/// </summary>
public sealed class TopNBufferLayoutTests
{
    /// <summary>(p, name, score): PARTITION BY p ORDER BY score DESC.</summary>
    private static readonly Schema Input = Schema.Of(
        new Field("p", DataTypes.String()),
        new Field("name", DataTypes.String()),
        new Field("score", DataTypes.BigInt()));

    [Fact]
    public void Serializer_ReadsTheGroupedForm_AndWritesItBackByteForByte()
    {
        // Two tie groups: key [1, 2] with rows "ab" and "c", key [3] with row "" (an empty encoded row).
        var writer = new BinaryBufferWriter(64);
        writer.WriteVarInt64(2);
        writer.WriteBytes([1, 2]);
        writer.WriteVarInt64(2);
        writer.WriteBytes("ab"u8);
        writer.WriteBytes("c"u8);
        writer.WriteBytes([3]);
        writer.WriteVarInt64(1);
        writer.WriteBytes([]);
        var grouped = writer.WrittenSpan.ToArray();

        var buffer = TopNBufferSerializer.Instance.Deserialize(new BinaryBufferReader(grouped));

        Assert.Equal(3, buffer.RowCount);
        Assert.Equal(2, buffer.GroupCount);
        Assert.Equal([1, 2], buffer.KeyAt(1).ToArray());
        Assert.Equal("c"u8.ToArray(), buffer.RowAt(1).ToArray());
        Assert.Equal([3], buffer.KeyAt(2).ToArray());
        Assert.Empty(buffer.RowAt(2).ToArray());
        Assert.Equal(2, buffer.GroupEnd(0));
        Assert.Equal(1, buffer.IndexOf([1, 2], "c"u8));
        Assert.Equal(-1, buffer.IndexOf([3], "c"u8));

        var again = new BinaryBufferWriter(64);
        TopNBufferSerializer.Instance.Serialize(buffer, again);
        Assert.Equal(grouped, again.WrittenSpan.ToArray());
    }

    [Fact]
    public void Truncate_DropsRowsAboveTheRangeEnd_PerRankFunction()
    {
        // Keys 1, 2, 2, 3 (ascending): ROW_NUMBER 1..4, RANK 1, 2, 2, 4, DENSE_RANK 1, 2, 2, 3.
        TopNBuffer Filled()
        {
            var buffer = new TopNBuffer(1);
            foreach (var key in new byte[] { 2, 3, 1, 2 })
            {
                buffer.Insert([key, (byte)(10 + buffer.RowCount)], 1, latestFirst: false);
            }

            return buffer;
        }

        var rowNumber = Filled();
        rowNumber.Truncate(RankFunction.RowNumber, 2);
        Assert.Equal(2, rowNumber.RowCount);
        var rank = Filled();
        rank.Truncate(RankFunction.Rank, 2);
        Assert.Equal(3, rank.RowCount);
        var dense = Filled();
        dense.Truncate(RankFunction.DenseRank, 2);
        Assert.Equal(3, dense.RowCount);
        dense.Truncate(RankFunction.DenseRank, 1);
        Assert.Equal(1, dense.RowCount);

        // Ties keep arrival order: the two rows of key 2 came second (13 was the fourth insert, 10 the first).
        var all = Filled();
        Assert.Equal([1, 2, 2, 3], Enumerable.Range(0, all.RowCount).Select(i => (int)all.KeyAt(i)[0]));
        Assert.Equal([10, 13], new[] { all.RowAt(1)[0], all.RowAt(2)[0] }.Select(b => (int)b));
    }

    [Theory]
    [InlineData(RankFunction.RowNumber, true, 1, 3)]
    [InlineData(RankFunction.RowNumber, false, 1, 3)]
    [InlineData(RankFunction.RowNumber, true, 2, 4)]
    [InlineData(RankFunction.RowNumber, false, 2, 4)]
    [InlineData(RankFunction.Rank, true, 1, 3)]
    [InlineData(RankFunction.Rank, false, 2, 4)]
    [InlineData(RankFunction.DenseRank, true, 1, 3)]
    [InlineData(RankFunction.DenseRank, false, 2, 4)]
    public void InsertOnlyTopN_EmitsWhatTheRetractingTopNEmits(RankFunction function, bool withNumber, long start, long end)
    {
        var batches = RandomInserts(seed: 17 + (int)function + (int)start, batches: 12, rows: 40);
        var range = new RankRange(start, end);

        var bounded = Feed(new RankOperator(Input, [0], [RankSortKey.Desc(2)], function, range, withNumber ? "rn" : null, insertOnlyInput: true), batches);
        var unbounded = Feed(new RankOperator(Input, [0], [RankSortKey.Desc(2)], function, range, withNumber ? "rn" : null, insertOnlyInput: false), batches);

        Assert.NotEmpty(bounded);
        Assert.Equal(unbounded, bounded);
    }

    [Fact]
    public void InsertOnlyTopN_RestoredMidStream_MatchesUninterruptedRun()
    {
        var batches = RandomInserts(seed: 5, batches: 10, rows: 50);
        RankOperator NewOp() => new(Input, [0], [RankSortKey.Desc(2)], RankFunction.RowNumber, RankRange.Top(3), "rn", insertOnlyInput: true);

        var uninterrupted = Feed(NewOp(), batches);

        var output = new List<string>();
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(NewOp()))
        {
            foreach (var rows in batches.Take(4))
            {
                first.ProcessBatch(Batch(Input, rows));
            }

            output.AddRange(Output(first));
            snapshot = first.Snapshot(1);
        }

        using (var restored = new OperatorHarness(NewOp(), restoreFrom: [snapshot]))
        {
            foreach (var rows in batches.Skip(4))
            {
                restored.ProcessBatch(Batch(Input, rows));
            }

            output.AddRange(Output(restored));
        }

        Assert.Equal(uninterrupted, output);
        // Each partition ends with its three highest scores (ties by arrival) at ranks 1..3.
        var final = Materialize(uninterrupted);
        Assert.Equal(3 * 4, final.Count);
    }

    private static (string, object?[])[][] RandomInserts(int seed, int batches, int rows)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, batches)
            .Select(b => Enumerable.Range(0, rows)
                .Select(r => R("+I", $"p{random.Next(4)}", $"n{b}-{r}", (long)random.Next(12)))
                .ToArray())
            .ToArray();
    }

    private static List<string> Feed(RankOperator op, (string, object?[])[][] batches)
    {
        using var harness = new OperatorHarness(op);
        foreach (var rows in batches)
        {
            harness.ProcessBatch(Batch(Input, rows));
        }

        return Output(harness);
    }
}
