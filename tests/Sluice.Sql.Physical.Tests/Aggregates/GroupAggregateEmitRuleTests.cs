using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.State.Keyed;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// When a group aggregation emits an update whose result did not change (Flink's <c>GroupAggFunction</c>,
/// <c>MiniBatchGroupAggFunction</c> and <c>MiniBatchGlobalGroupAggFunction</c>): never without a state time-to-live,
/// always (as an identical -U/+U pair) with one, so that downstream state of the key is refreshed; in the one-phase, the
/// mini-batch and the global (two-phase) operator alike.
/// </summary>
public sealed class GroupAggregateEmitRuleTests
{
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.BigInt()));

    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.Max, 1, DataTypes.BigInt(), "mx"),
        new(AggregateKind.Sum, 1, DataTypes.BigInt(), "s"),
    ];

    private static readonly StateTtlConfig Ttl = new(TimeSpan.FromHours(1));

    public enum Variant
    {
        OnePhase,
        MiniBatch,
        TwoPhase,
    }

    /// <summary>
    /// Runs three batches through the variant: (a, 5) then (a, 0), which changes neither MAX nor SUM, then (a, 7), and
    /// returns the output of each batch (the mini-batch bundle is folded at its size, one row; the local phase of the
    /// two-phase run emits its partials per batch, and they are handed to the global phase).
    /// </summary>
    private static List<List<string>> Run(Variant variant, StateTtlConfig? ttl)
    {
        var batches = new[]
        {
            new[] { R("+I", "a", 5L) },
            [R("+I", "a", 0L)],
            [R("+I", "a", 7L)],
        };
        var outputs = new List<List<string>>();
        switch (variant)
        {
            case Variant.OnePhase or Variant.MiniBatch:
            {
                var miniBatch = variant == Variant.MiniBatch ? new MiniBatchOptions(TimeSpan.FromMinutes(1), 1) : null;
                using var harness = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls, ttl, miniBatch: miniBatch));
                foreach (var rows in batches)
                {
                    harness.ProcessBatch(Batch(Input, rows));
                    outputs.Add(Output(harness));
                    harness.ClearOutput();
                }

                break;
            }

            case Variant.TwoPhase:
            {
                using var local = new OperatorHarness(new LocalGroupAggregateOperator(Input, [0], Calls));
                using var global = new OperatorHarness(new GlobalGroupAggregateOperator(Input, [0], Calls, ttl));
                foreach (var rows in batches)
                {
                    local.ProcessBatch(Batch(Input, rows));
                    foreach (var partial in local.OutputBatches.Cast<RecordBatch>())
                    {
                        global.ProcessBatch(partial.Gather([.. Enumerable.Range(0, partial.RowCount)]));
                    }

                    local.ClearOutput();
                    outputs.Add(Output(global));
                    global.ClearOutput();
                }

                break;
            }
        }

        return outputs;
    }

    [Theory]
    [InlineData(Variant.OnePhase)]
    [InlineData(Variant.MiniBatch)]
    [InlineData(Variant.TwoPhase)]
    public void UnchangedResult_WithoutTtl_EmitsNothing(Variant variant)
    {
        var outputs = Run(variant, ttl: null);

        Assert.Equal(["+I[a, 5, 5]"], outputs[0]);
        Assert.Empty(outputs[1]);
        Assert.Equal(["-U[a, 5, 5]", "+U[a, 7, 12]"], outputs[2]);
    }

    [Theory]
    [InlineData(Variant.OnePhase)]
    [InlineData(Variant.MiniBatch)]
    [InlineData(Variant.TwoPhase)]
    public void UnchangedResult_WithTtl_EmitsAnIdenticalUpdatePair(Variant variant)
    {
        var outputs = Run(variant, Ttl);

        Assert.Equal(["+I[a, 5, 5]"], outputs[0]);
        Assert.Equal(["-U[a, 5, 5]", "+U[a, 5, 5]"], outputs[1]);
        Assert.Equal(["-U[a, 5, 5]", "+U[a, 7, 12]"], outputs[2]);
    }

    [Fact]
    public void NetZeroChangeOfANewKeyInABundle_WithTtl_StillEmitsNothing()
    {
        // With mini-batch a key whose rows cancel out within one bundle never had a result: nothing to refresh (Flink's
        // MiniBatchGroupAggFunction skips a bundle whose record count for a new key is zero).
        using var harness = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls, Ttl,
            miniBatch: new MiniBatchOptions(TimeSpan.FromMinutes(1), 2)));
        harness.ProcessBatch(Batch(Input, R("+I", "z", 1L), R("-D", "z", 1L)));

        Assert.Empty(Output(harness));
    }

    [Fact]
    public void RowsOfANewKeyThatCancelOut_WithoutMiniBatch_EmitInsertThenDelete()
    {
        // Flink's GroupAggFunction row by row: the +I creates the key's result, the -D of its only row deletes it.
        using var harness = new OperatorHarness(new GroupAggregateOperator(Input, [0], Calls, Ttl));
        harness.ProcessBatch(Batch(Input, R("+I", "z", 1L), R("-D", "z", 1L)));

        Assert.Equal(["+I[z, 1, 1]", "-D[z, 1, 1]"], Output(harness));
    }
}
