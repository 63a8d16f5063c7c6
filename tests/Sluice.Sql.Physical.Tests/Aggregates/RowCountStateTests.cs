using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// <c>COUNT(*)</c> without <c>FILTER</c> is the accumulator set's row count (<see cref="RowCountFunction"/>): it keeps no
/// object of its own, and its state is written as a <see cref="CountFunction"/> counter, so snapshots written before and
/// after restore into each other.
/// </summary>
public sealed class RowCountStateTests
{
    private static readonly Schema Input = Schema.Of(new Field("k", DataTypes.String()), new Field("v", DataTypes.BigInt()),
        new Field("f", DataTypes.Boolean()));

    private static readonly AggregateCall CountAll = new(AggregateKind.CountStar, [], false, -1, DataTypes.BigInt().NotNull(), "n");

    private static readonly AggregateCall[] Calls =
    [
        CountAll,
        new(AggregateKind.CountStar, [], false, 2, DataTypes.BigInt().NotNull(), "flagged"),
        new(AggregateKind.Sum, [1], false, -1, DataTypes.BigInt(), "s"),
    ];

    [Fact]
    public void CountStarWithoutFilter_IsTheRowCount_AndFilteredCountStarKeepsItsCounter()
    {
        var aggregator = new Aggregator(Input, Calls);

        Assert.IsType<RowCountFunction>(aggregator.Functions[0]);
        Assert.IsType<CountFunction>(aggregator.Functions[1]);

        var set = aggregator.CreateSet();
        using var batch = Batch(Input, R("+I", "a", 1L, true), R("+I", "a", 2L, false), R("+I", "a", 4L, true), R("-D", "a", 1L, true));
        for (var row = 0; row < batch.RowCount; row++)
        {
            aggregator.Apply(set, batch, batch.PhysicalRow(row), retract: row == 3);
        }

        Assert.Equal(
            [AggregateValue.FromNumber(2), AggregateValue.FromNumber(1), AggregateValue.FromNumber(6)],
            aggregator.Results(set));
    }

    [Fact]
    public void WrittenCount_IsTheBytesOfACountFunctionCounter_AndReadsBackIntoEither()
    {
        var count = new CountFunction(CountAll);
        var counter = count.CreateAccumulator();
        for (var i = 0; i < 300; i++)
        {
            count.Accumulate(counter, default, i);
        }

        var old = new BinaryBufferWriter();
        count.Write(counter, old);
        var current = new BinaryBufferWriter();
        RowCountFunction.WriteCount(300, current);
        Assert.Equal(old.WrittenSpan.ToArray(), current.WrittenSpan.ToArray());

        // A set written with the row count function restores its row count, and the old function reads the same count.
        var aggregator = new Aggregator(Input, Calls);
        var set = aggregator.CreateSet();
        set.RowCount = 300;
        var serializer = new AccumulatorSetSerializer(aggregator);
        var writer = new BinaryBufferWriter();
        serializer.Serialize(set, writer);
        var restored = serializer.Deserialize(new BinaryBufferReader(writer.WrittenSpan.ToArray()));
        Assert.Equal(AggregateValue.FromNumber(300), aggregator.Result(restored, 0));

        var reader = new BinaryBufferReader(writer.WrittenSpan.ToArray());
        Assert.Equal(300, reader.ReadVarInt64());
        reader.ReadVarInt64();
        Assert.Equal(3, reader.ReadVarInt64());
        Assert.Equal(AggregateValue.FromNumber(300), count.GetResult(count.Read(reader)));
    }
}
