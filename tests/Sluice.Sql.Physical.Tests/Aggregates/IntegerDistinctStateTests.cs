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
/// <c>DISTINCT</c> over one integer argument (<see cref="IntegerDistinctFunction"/>): its state is written as the general
/// <see cref="DistinctFunction"/> writes it (so snapshots of either restore into the other), and a group aggregation
/// restored from a snapshot in the middle of its input ends with the result of an uninterrupted run.
/// </summary>
public sealed class IntegerDistinctStateTests
{
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.BigInt()),
        new Field("small", DataTypes.Int()));

    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.Count, [1], true, -1, DataTypes.BigInt().NotNull(), "cd"),
        new(AggregateKind.Sum, [2], true, -1, DataTypes.Int(), "sd"),
        new(AggregateKind.CountStar, [], false, -1, DataTypes.BigInt().NotNull(), "n"),
    ];

    [Fact]
    public void Aggregator_UsesTheIntegerMultiset_ForOneIntegerArgumentOnly()
    {
        var schema = Schema.Of(new Field("i", DataTypes.BigInt()), new Field("s", DataTypes.String()), new Field("d", DataTypes.Double()));
        var aggregator = new Aggregator(schema,
        [
            new AggregateCall(AggregateKind.Count, [0], true, -1, DataTypes.BigInt().NotNull(), "a"),
            new AggregateCall(AggregateKind.Count, [1], true, -1, DataTypes.BigInt().NotNull(), "b"),
            new AggregateCall(AggregateKind.Count, [2], true, -1, DataTypes.BigInt().NotNull(), "c"),
            new AggregateCall(AggregateKind.Count, [0, 1], true, -1, DataTypes.BigInt().NotNull(), "d"),
        ]);

        Assert.IsType<IntegerDistinctFunction>(aggregator.Functions[0]);
        Assert.IsType<DistinctFunction>(aggregator.Functions[1]);
        Assert.IsType<DistinctFunction>(aggregator.Functions[2]);
        Assert.IsType<DistinctFunction>(aggregator.Functions[3]);
    }

    [Fact]
    public void Accumulators_WrittenByEitherFunction_AreReadByTheOther()
    {
        var call = new AggregateCall(AggregateKind.Sum, [0], true, -1, DataTypes.BigInt(), "s");
        var sum = new SumFunction(call, DataTypes.BigInt());
        var general = new DistinctFunction(sum);
        var integer = new IntegerDistinctFunction(sum);
        var values = new long[] { 5, -3, 5, long.MaxValue / 4, 7, -3, 5 };

        var a = general.CreateAccumulator();
        var b = integer.CreateAccumulator();
        for (var i = 0; i < values.Length; i++)
        {
            general.Accumulate(a, AggregateValue.FromNumber(values[i]), i);
            integer.Accumulate(b, AggregateValue.FromNumber(values[i]), i);
        }

        var expected = general.GetResult(a);
        Assert.Equal(AggregateValue.FromNumber(5 - 3 + (long.MaxValue / 4) + 7), expected);
        Assert.Equal(expected, integer.GetResult(b));

        var fromGeneral = integer.Read(new BinaryBufferReader(Write(general, a)));
        var fromInteger = general.Read(new BinaryBufferReader(Write(integer, b)));
        Assert.Equal(expected, integer.GetResult(fromGeneral));
        Assert.Equal(expected, general.GetResult(fromInteger));

        // The counts travel too: 5 was seen three times, so two retractions keep it and the third removes it.
        foreach (var (function, accumulator) in new[] { (integer, fromGeneral), ((AggregateFunction)general, fromInteger) })
        {
            function.Retract(accumulator, AggregateValue.FromNumber(5));
            function.Retract(accumulator, AggregateValue.FromNumber(5));
            Assert.Equal(expected, function.GetResult(accumulator));
            function.Retract(accumulator, AggregateValue.FromNumber(5));
            Assert.Equal(AggregateValue.FromNumber(-3 + (long.MaxValue / 4) + 7), function.GetResult(accumulator));
        }
    }

    [Fact]
    public void Merge_AddsCountsAndAccumulatesOnlyNewValues()
    {
        var call = new AggregateCall(AggregateKind.Count, [0], true, -1, DataTypes.BigInt().NotNull(), "c");
        var function = new IntegerDistinctFunction(new CountFunction(call));
        var target = function.CreateAccumulator();
        var source = function.CreateAccumulator();
        function.Accumulate(target, AggregateValue.FromNumber(1), 0);
        function.Accumulate(target, AggregateValue.FromNumber(2), 1);
        function.Accumulate(source, AggregateValue.FromNumber(2), 0);
        function.Accumulate(source, AggregateValue.FromNumber(3), 1);

        function.Merge(target, source);

        Assert.Equal(AggregateValue.FromNumber(3), function.GetResult(target));
        function.Retract(target, AggregateValue.FromNumber(2));
        Assert.Equal(AggregateValue.FromNumber(3), function.GetResult(target));
        function.Retract(target, AggregateValue.FromNumber(2));
        Assert.Equal(AggregateValue.FromNumber(2), function.GetResult(target));
    }

    [Fact]
    public void GroupAggregate_RestoredInTheMiddle_EndsWithTheResultOfAnUninterruptedRun()
    {
        RecordBatch First() => Batch(Input,
            R("+I", "a", 1L, 10), R("+I", "a", 1L, 10), R("+I", "a", 2L, 20), R("+I", "b", 3L, null), R("+I", "b", null, 5));
        RecordBatch Second() => Batch(Input,
            R("-D", "a", 1L, 10), R("+I", "a", 4L, 10), R("-D", "b", 3L, null), R("+I", "b", 6L, 5), R("-D", "a", 2L, 20));

        List<string> uninterrupted;
        using (var plain = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls)))
        {
            plain.Open();
            plain.ProcessBatch(First());
            plain.ProcessBatch(Second());
            uninterrupted = Output(plain);
        }

        OperatorSnapshot snapshot;
        List<string> before;
        using (var first = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls)))
        {
            first.Open();
            first.ProcessBatch(First());
            before = Output(first);
            snapshot = first.Snapshot(1);
        }

        using var restored = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls), restoreFrom: [snapshot]);
        restored.Open();
        restored.ProcessBatch(Second());

        Assert.Equal(uninterrupted, [.. before, .. Output(restored)]);
        // a: {1, 1, 2} → retract one 1 (still distinct), add 4, retract 2: distinct {1, 4}; SUM DISTINCT of small is {10}; 2 rows.
        Assert.Contains("+U[a, 2, 10, 2]", uninterrupted);
    }

    private static byte[] Write(AggregateFunction function, object accumulator)
    {
        var writer = new BinaryBufferWriter();
        function.Write(accumulator, writer);
        return writer.WrittenSpan.ToArray();
    }
}
