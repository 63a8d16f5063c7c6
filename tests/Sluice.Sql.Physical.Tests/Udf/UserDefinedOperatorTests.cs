using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Correlate;
using Sluice.Testing;
using Sluice.Udf.Samples;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Udf;

/// <summary>The operators behind C# functions, with the harness: aggregate state across snapshots, the correlate operator's changelog.</summary>
public sealed class UserDefinedOperatorTests
{
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.Double()),
        new Field("w", DataTypes.BigInt()));

    private static GroupAggregateOperator NewAggregate() => new(Input, [0],
    [
        new AggregateCall(AggregateKind.UserDefined, [1, 2], false, -1, DataTypes.Double(), "wavg")
        {
            UserDefined = UserDefinedFunctionDescriptor.Create<WeightedAverage>(),
        },
        new AggregateCall(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt"),
    ]);

    [Fact]
    public void Aggregate_accumulates_retracts_and_skips_null_arguments()
    {
        using var harness = new OperatorHarness(NewAggregate());
        harness.ProcessBatch(Batch(Input, R("+I", "a", 10.0, 1L), R("+I", "a", 20.0, 3L), R("+I", "b", 5.0, null)));
        Assert.Equal(["+I[a, 10, 1]", "-U[a, 10, 1]", "+U[a, 17.5, 2]", "+I[b, null, 1]"], Output(harness));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("-D", "a", 20.0, 3L)));
        Assert.Equal(["-U[a, 17.5, 2]", "+U[a, 10, 1]"], Output(harness));
    }

    [Fact]
    public void Aggregate_snapshot_restore_and_continue_matches_an_uninterrupted_run()
    {
        RecordBatch[] Script() =>
        [
            Batch(Input, R("+I", "a", 1.0, 1L), R("+I", "b", 2.0, 2L)),
            Batch(Input, R("+I", "a", 4.0, 3L), R("-D", "b", 2.0, 2L)),
            Batch(Input, R("+I", "b", 9.0, 1L), R("-U", "a", 1.0, 1L), R("+U", "a", 0.0, 5L)),
            Batch(Input, R("-D", "a", 4.0, 3L), R("+I", "c", 3.0, 4L)),
        ];

        var expected = Run(Script(), snapshotAfter: -1);
        var restored = Run(Script(), snapshotAfter: 1);

        Assert.Equal(expected, restored);
        Assert.Contains("+U[a, 0, 1]", expected);
    }

    [Fact]
    public void Correlate_operator_keeps_row_kinds_and_pads_left_outer_rows()
    {
        var schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("text", DataTypes.String()));
        var argument = new BoundInputRef(1, "text", DataTypes.String());
        var function = UserDefinedFunctionDescriptor.Create<SplitWords>();
        var inner = new TableFunctionOperator(schema, "split_words", function, [argument]);
        var outer = new TableFunctionOperator(schema, "split_words", function, [argument], leftOuter: true, columnNames: ["w", "p"]);

        Assert.Equal(["id", "text", "Word", "Position"], inner.OutputSchema.Fields.Select(f => f.Name));
        Assert.False(inner.OutputSchema[3].DataType.IsNullable);
        Assert.True(outer.OutputSchema[3].DataType.IsNullable);

        using (var harness = new OperatorHarness(inner))
        {
            harness.ProcessBatch(Batch(schema, R("+I", 1, "a b"), R("-D", 2, "c"), R("+I", 3, null)));
            Assert.Equal(["+I[1, a b, a, 0]", "+I[1, a b, b, 1]", "-D[2, c, c, 0]"], Output(harness));
        }

        using (var harness = new OperatorHarness(outer))
        {
            harness.ProcessBatch(Batch(schema, R("+I", 1, "a"), R("+U", 3, null)));
            Assert.Equal(["+I[1, a, a, 0]", "+U[3, null, null, null]"], Output(harness));
        }
    }

    private static List<string> Run(IEnumerable<RecordBatch> script, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(NewAggregate());
        try
        {
            var index = 0;
            foreach (var batch in script)
            {
                harness.ProcessBatch(batch);
                if (index++ == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(NewAggregate(), restoreFrom: [snapshot]);
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
}
