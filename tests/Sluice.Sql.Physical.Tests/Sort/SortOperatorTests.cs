using System.Globalization;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Sort;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Sort;

public sealed class SortOperatorTests
{
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()), new Field("v", DataTypes.Int()), new Field("d", DataTypes.Double()));

    [Fact]
    public void Finish_EmitsSortedRows_AndWatermarksAreHeldUntilThen()
    {
        using var harness = new OperatorHarness(new SortOperator(Input, [SortColumn.Asc(0), SortColumn.Desc(1)]));
        harness.ProcessBatch(Batch(Input, R("+I", "b", 1, 0.0), R("+I", null, 7, 0.0), R("+I", "a", null, 0.0)));
        harness.ProcessWatermark(5);
        harness.ProcessBatch(Batch(Input, R("+I", "a", 2, 0.0), R("+I", "b", 3, 0.0), R("+I", "a", 2, 1.0)));
        Assert.Empty(Output(harness));
        Assert.Empty(harness.OutputWatermarks);

        harness.EndInput();
        Assert.Equal(["+I[null, 7, 0]", "+I[a, 2, 0]", "+I[a, 2, 1]", "+I[a, null, 0]", "+I[b, 3, 0]", "+I[b, 1, 0]"], Output(harness));
        Assert.Equal([long.MaxValue], harness.OutputWatermarks);
    }

    [Fact]
    public void Strings_SortByCodePoint_AndNaNSortsAboveEveryNumber()
    {
        using var strings = new OperatorHarness(new SortOperator(Input, [SortColumn.Asc(0)]));
        strings.ProcessBatch(Batch(Input, new[] { "\U0001F600", "é", "a", "\uFF5E", "B" }.Select(s => R("+I", s, 0, 0.0)).ToArray()));
        strings.EndInput();
        Assert.Equal(["B", "a", "é", "\uFF5E", "\U0001F600"], Output(strings).Select(r => r[3..r.IndexOf(',', StringComparison.Ordinal)]));

        using var doubles = new OperatorHarness(new SortOperator(Input, [SortColumn.Asc(2)]));
        doubles.ProcessBatch(Batch(Input, new[] { double.NaN, 1.0, double.NegativeInfinity, double.PositiveInfinity }.Select(d => R("+I", "x", 0, d)).ToArray()));
        doubles.EndInput();
        Assert.Equal(["+I[x, 0, -Infinity]", "+I[x, 0, 1]", "+I[x, 0, Infinity]", "+I[x, 0, NaN]"], Output(doubles));
    }

    [Theory]
    [InlineData(1, null, 0)]
    [InlineData(2, 5L, 2)]
    [InlineData(3, 0L, 0)]
    [InlineData(4, 1000L, 30)]
    public void RandomRows_EqualLinqStableOrderBy(int seed, long? limit, long offset)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 300).Select(i => (
            K: random.Next(6) == 0 ? null : $"k{random.Next(4)}",
            V: random.Next(5) == 0 ? (int?)null : random.Next(-3, 3),
            D: (double)i)).ToList();
        var keys = new[] { SortColumn.Desc(0), new SortColumn(1, true, false) };
        var op = new SortOperator(Input, keys, limit, offset);
        using var harness = new OperatorHarness(op);
        foreach (var chunk in rows.Chunk(37))
        {
            harness.ProcessBatch(Batch(Input, chunk.Select(r => R("+I", r.K, r.V, r.D)).ToArray()));
        }

        if (limit is { } n)
        {
            Assert.True(op.BufferedRows <= offset + n);
        }

        harness.EndInput();

        // k DESC NULLS LAST, v ASC NULLS LAST, then arrival (OrderBy is stable).
        var expected = rows
            .OrderBy(r => r.K is null).ThenByDescending(r => r.K, StringComparer.Ordinal)
            .ThenBy(r => r.V is null).ThenBy(r => r.V)
            .Skip((int)offset).Take((int)(limit ?? int.MaxValue))
            .Select(r => $"+I[{r.K ?? "null"}, {r.V?.ToString(CultureInfo.InvariantCulture) ?? "null"}, {r.D.ToString(CultureInfo.InvariantCulture)}]");
        Assert.Equal(expected, Output(harness));
    }

    [Fact]
    public void LargeOutput_IsSplitIntoBatches()
    {
        using var harness = new OperatorHarness(new SortOperator(Input, [SortColumn.Desc(1)]));
        harness.ProcessBatch(Batch(Input, Enumerable.Range(0, SortOperator.OutputBatchSize + 10).Select(i => R("+I", "x", i, 0.0)).ToArray()));
        harness.EndInput();
        Assert.Equal([SortOperator.OutputBatchSize, 10], harness.OutputBatches.Select(b => b.RowCount));
        Assert.Equal($"+I[x, {SortOperator.OutputBatchSize + 9}, 0]", Output(harness)[0]);
    }

    [Fact]
    public void InvalidUse_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new SortOperator(Input, []));
        Assert.Throws<ArgumentException>(() => new SortOperator(Input, [SortColumn.Asc(3)]));
        Assert.Throws<ArgumentException>(() => new SortOperator(Schema.Of(new Field("a", DataTypes.Array(DataTypes.Int()))), [SortColumn.Asc(0)]));
        using var harness = new OperatorHarness(new SortOperator(Input, [SortColumn.Asc(0)]));
        var error = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Input, R("-D", "a", 1, 0.0))));
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(3L, 1)]
    public void Snapshot_RestoreMidInput_MatchesUninterruptedRun(long? limit, long offset)
    {
        var batches = new[]
        {
            new[] { R("+I", "b", 1, 1.0), R("+I", "a", 1, 2.0), R("+I", "b", 1, 3.0) },
            new[] { R("+I", "a", 1, 4.0), R("+I", null, 1, 5.0) },
            new[] { R("+I", "b", 1, 6.0), R("+I", "a", 0, 7.0) },
        };
        SortOperator NewOperator() => new(Input, [SortColumn.Asc(0), SortColumn.Asc(1)], limit, offset);
        var expected = Run(NewOperator, batches, -1);
        Assert.NotEmpty(expected);
        for (var at = 0; at < batches.Length; at++)
        {
            Assert.Equal(expected, Run(NewOperator, batches, at));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NanosecondTimestamps_SortByEveryDigit_AlsoAfterRestore(bool restore)
    {
        // TIMESTAMP(9) values stored as nanoseconds, a few nanoseconds apart (a DateTime would tie them).
        var schema = Schema.Of(new Field("ts", DataTypes.Timestamp(9)), new Field("n", DataTypes.Int()));
        var baseNanos = 1_700_000_000_123_456_700L;
        var offsets = new long[] { 7, 1, 99, 3, 0, 50 };
        var harness = new OperatorHarness(new SortOperator(schema, [SortColumn.Desc(0)]));
        try
        {
            harness.ProcessBatch(Batch(schema, offsets.Select((o, i) => R("+I", baseNanos + o, i)).ToArray()));
            if (restore)
            {
                var snapshot = harness.Snapshot(1);
                harness.Dispose();
                harness = new OperatorHarness(new SortOperator(schema, [SortColumn.Desc(0)]), restoreFrom: [snapshot]);
            }

            harness.EndInput();
            var expected = offsets.Select((o, i) => (o, i)).OrderByDescending(p => p.o).Select(p => p.i);
            Assert.Equal(expected, Output(harness).Select(r => int.Parse(r[(r.LastIndexOf(' ') + 1)..^1], CultureInfo.InvariantCulture)));
        }
        finally
        {
            harness.Dispose();
        }
    }

    private static List<string> Run(Func<SortOperator> factory, (string, object?[])[][] batches, int snapshotAfter)
    {
        var harness = new OperatorHarness(factory());
        try
        {
            for (var i = 0; i < batches.Length; i++)
            {
                harness.ProcessBatch(Batch(Input, batches[i]));
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    Assert.Empty(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(factory(), restoreFrom: [snapshot]);
                }
            }

            harness.EndInput();
            return Output(harness);
        }
        finally
        {
            harness.Dispose();
        }
    }
}
