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
/// <c>DISTINCT</c> calls over one integer column under different <c>FILTER</c>s (q15/q16) share one table per key
/// (<see cref="SharedDistinctFunction"/>): each call still counts exactly its own rows, through retractions, and each
/// call's state is written as <see cref="IntegerDistinctFunction"/> writes it, so snapshots of either form restore.
/// </summary>
public sealed class SharedDistinctStateTests
{
    /// <summary>(k, v, w, low, high): the DISTINCT arguments v and w, and two filter flags.</summary>
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.BigInt()),
        new Field("w", DataTypes.BigInt()),
        new Field("low", DataTypes.Boolean()),
        new Field("high", DataTypes.Boolean()));

    /// <summary>COUNT(DISTINCT v), ... FILTER (low), ... FILTER (high), SUM(DISTINCT v) FILTER (low), COUNT(DISTINCT w), COUNT(*).</summary>
    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.Count, [1], true, -1, DataTypes.BigInt().NotNull(), "all_v"),
        new(AggregateKind.Count, [1], true, 3, DataTypes.BigInt().NotNull(), "low_v"),
        new(AggregateKind.Count, [1], true, 4, DataTypes.BigInt().NotNull(), "high_v"),
        new(AggregateKind.Sum, [1], true, 3, DataTypes.BigInt(), "low_sum"),
        new(AggregateKind.Count, [2], true, -1, DataTypes.BigInt().NotNull(), "all_w"),
        new(AggregateKind.CountStar, [], false, -1, DataTypes.BigInt().NotNull(), "n"),
    ];

    [Fact]
    public void Aggregator_SharesTheCallsOfOneColumn_AndLeavesALoneCallAsItWas()
    {
        var aggregator = new Aggregator(Input, Calls);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(i, Assert.IsType<SharedDistinctFunction>(aggregator.Functions[i]).Slot);
        }

        Assert.IsType<IntegerDistinctFunction>(aggregator.Functions[4]);

        // An order-sensitive call (LISTAGG-like FIRST_VALUE) never shares.
        var ordered = new Aggregator(Input,
        [
            new AggregateCall(AggregateKind.Count, [1], true, -1, DataTypes.BigInt().NotNull(), "c"),
            new AggregateCall(AggregateKind.FirstValue, [1], true, 3, DataTypes.BigInt(), "f"),
        ]);
        Assert.IsType<IntegerDistinctFunction>(ordered.Functions[0]);
    }

    [Fact]
    public void EachCall_CountsItsOwnRows_ThroughRetractions()
    {
        var aggregator = new Aggregator(Input, Calls);
        var set = aggregator.CreateSet();
        var present = new List<(long V, long W, bool Low, bool High)>();
        var random = new Random(11);
        for (var step = 0; step < 2000; step++)
        {
            if (present.Count > 0 && random.Next(3) == 0)
            {
                var gone = present[random.Next(present.Count)];
                present.Remove(gone);
                Apply(aggregator, set, "-D", gone);
            }
            else
            {
                var row = ((long)random.Next(60), (long)random.Next(25), random.Next(2) == 0, random.Next(3) == 0);
                present.Add(row);
                Apply(aggregator, set, "+I", row);
            }

            if (step % 97 == 0 || step == 1999)
            {
                AssertResults(aggregator, set, present);
            }
        }
    }

    [Fact]
    public void Set_WrittenAndRead_KeepsEveryCallsCounts()
    {
        var aggregator = new Aggregator(Input, Calls);
        var set = aggregator.CreateSet();
        var present = new List<(long V, long W, bool Low, bool High)>();
        foreach (var row in Rows(seed: 3, count: 300))
        {
            present.Add(row);
            Apply(aggregator, set, "+I", row);
        }

        var serializer = new AccumulatorSetSerializer(aggregator);
        var restored = serializer.Deserialize(new BinaryBufferReader(Write(serializer, set)));
        AssertResults(aggregator, restored, present);

        // The restored calls share one table again: retracting every row empties every call.
        foreach (var row in present.ToArray())
        {
            present.Remove(row);
            Apply(aggregator, restored, "-D", row);
        }

        AssertResults(aggregator, restored, present);
        Assert.Equal(AggregateValue.FromNumber(0), aggregator.Result(restored, 1));
    }

    [Fact]
    public void CallState_IsReadableAsTheIntegerDistinctState_BothWays()
    {
        var aggregator = new Aggregator(Input, Calls);
        var set = aggregator.CreateSet();
        var rows = Rows(seed: 8, count: 200).ToList();
        foreach (var row in rows)
        {
            Apply(aggregator, set, "+I", row);
        }

        // Shared → integer: each call's accumulator, read by a plain IntegerDistinctFunction, has the same result.
        for (var i = 0; i < 4; i++)
        {
            var integer = new IntegerDistinctFunction(Inner(Calls[i]));
            var writer = new BinaryBufferWriter(256);
            aggregator.WriteAccumulator(set, i, writer);
            var read = integer.Read(new BinaryBufferReader(writer.WrittenSpan.ToArray()));
            Assert.Equal(aggregator.Result(set, i), integer.GetResult(read));
        }

        // Integer → shared: a set written before sharing (one IntegerDistinctFunction per call) restores into shared calls.
        var old = new BinaryBufferWriter(1024);
        old.WriteVarInt64(rows.Count);
        old.WriteVarInt64(rows.Count);
        old.WriteVarInt64(Calls.Length);
        for (var i = 0; i < Calls.Length; i++)
        {
            if (i == 5)
            {
                old.WriteVarInt64(rows.Count);
                continue;
            }

            var integer = new IntegerDistinctFunction(Inner(Calls[i]));
            var accumulator = integer.CreateAccumulator();
            var order = 0L;
            foreach (var row in rows.Where(r => Passes(Calls[i], r)))
            {
                integer.Accumulate(accumulator, AggregateValue.FromNumber(Calls[i].Arguments[0] == 1 ? row.V : row.W), order++);
            }

            integer.Write(accumulator, old);
        }

        var restored = new AccumulatorSetSerializer(aggregator).Deserialize(new BinaryBufferReader(old.WrittenSpan.ToArray()));
        AssertResults(aggregator, restored, rows);
        foreach (var row in rows.Take(150))
        {
            Apply(aggregator, restored, "-D", row);
        }

        AssertResults(aggregator, restored, rows.Skip(150).ToList());
    }

    [Fact]
    public void GroupAggregate_RestoredInTheMiddle_EndsWithTheResultOfAnUninterruptedRun()
    {
        var rows = Rows(seed: 21, count: 120).Select((r, i) => R("+I", $"k{i % 3}", r.V, r.W, r.Low, r.High)).ToArray();
        var retractions = rows.Take(40).Select(r => R("-D", r.Item2)).ToArray();
        RecordBatch[] Script() => [Batch(Input, rows[..60]), Batch(Input, rows[60..]), Batch(Input, retractions)];

        List<string> uninterrupted;
        using (var plain = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls)))
        {
            foreach (var batch in Script())
            {
                plain.ProcessBatch(batch);
            }

            uninterrupted = Output(plain);
        }

        var output = new List<string>();
        OperatorSnapshot snapshot;
        var script = Script();
        using (var first = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls)))
        {
            first.ProcessBatch(script[0]);
            output.AddRange(Output(first));
            snapshot = first.Snapshot(1);
        }

        using (var restored = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls), restoreFrom: [snapshot]))
        {
            restored.ProcessBatch(script[1]);
            restored.ProcessBatch(script[2]);
            output.AddRange(Output(restored));
        }

        Assert.Equal(uninterrupted, output);
        Assert.Equal(3, Materialize(uninterrupted).Count);
    }

    private static AggregateFunction Inner(AggregateCall call) => call.Kind == AggregateKind.Sum
        ? new SumFunction(call, DataTypes.BigInt())
        : new CountFunction(call);

    private static IEnumerable<(long V, long W, bool Low, bool High)> Rows(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return (random.Next(40), random.Next(15), random.Next(2) == 0, random.Next(3) == 0);
        }
    }

    private static bool Passes(AggregateCall call, (long V, long W, bool Low, bool High) row) => call.FilterColumn switch
    {
        3 => row.Low,
        4 => row.High,
        _ => true,
    };

    private static void Apply(Aggregator aggregator, AccumulatorSet set, string kind, (long V, long W, bool Low, bool High) row)
    {
        using var batch = Batch(Input, R(kind, "k", row.V, row.W, row.Low, row.High));
        aggregator.Apply(set, batch, batch.PhysicalRow(0), retract: kind == "-D");
    }

    private static void AssertResults(Aggregator aggregator, AccumulatorSet set, List<(long V, long W, bool Low, bool High)> present)
    {
        long Distinct(Func<(long V, long W, bool Low, bool High), bool> filter, Func<(long V, long W, bool Low, bool High), long> value) =>
            present.Where(filter).Select(value).Distinct().Count();

        Assert.Equal(AggregateValue.FromNumber(Distinct(_ => true, r => r.V)), aggregator.Result(set, 0));
        Assert.Equal(AggregateValue.FromNumber(Distinct(r => r.Low, r => r.V)), aggregator.Result(set, 1));
        Assert.Equal(AggregateValue.FromNumber(Distinct(r => r.High, r => r.V)), aggregator.Result(set, 2));
        var lowValues = present.Where(r => r.Low).Select(r => r.V).Distinct().ToList();
        Assert.Equal(lowValues.Count == 0 ? null : AggregateValue.FromNumber(lowValues.Sum()), aggregator.Result(set, 3));
        Assert.Equal(AggregateValue.FromNumber(Distinct(_ => true, r => r.W)), aggregator.Result(set, 4));
    }

    private static byte[] Write(AccumulatorSetSerializer serializer, AccumulatorSet set)
    {
        var writer = new BinaryBufferWriter(1024);
        serializer.Serialize(set, writer);
        return writer.WrittenSpan.ToArray();
    }
}
