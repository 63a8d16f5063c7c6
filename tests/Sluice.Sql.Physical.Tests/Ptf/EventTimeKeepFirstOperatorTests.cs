using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Ptf;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Ptf;

/// <summary>DEDUPLICATE_KEEP_FIRST with on_time: earliest row per key at the watermark, late rows, snapshot/restore.</summary>
public sealed class EventTimeKeepFirstOperatorTests
{
    /// <summary>(user_name, action, ts): PARTITION BY user_name, output (user_name, action, ts, rowtime).</summary>
    private static readonly Schema Input = new(
    [
        new Field("user_name", DataTypes.String()),
        new Field("action", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
    ], rowTimeIndex: 2);

    private static readonly Schema OutputSchema = new(
    [
        new Field("user_name", DataTypes.String()),
        new Field("action", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("rowtime", DataTypes.Timestamp(3).NotNull()),
    ], rowTimeIndex: 3);

    private static EventTimeKeepFirstOperator Create() => new(Input, [0], 2, [0, 1, 2, 2], OutputSchema, null, true);

    private static (string, object?[]) Row(string user, string action, long seconds) => R("+I", user, action, DateTime.UnixEpoch.AddSeconds(seconds));

    private static string Text(string user, string action, long seconds) =>
        $"+I[{user}, {action}, 1970-01-01T00:00:{seconds:00}, 1970-01-01T00:00:{seconds:00}]";

    [Fact]
    public void SmallestTimePerKey_IsEmittedWhenTheWatermarkPassesIt()
    {
        using var harness = new OperatorHarness(Create());
        harness.ProcessBatch(Batch(Input, Row("Vas", "login", 3), Row("Vas", "click", 1), Row("Vas", "view", 5), Row("Ann", "open", 4)));
        harness.ProcessWatermark(500);
        Assert.Empty(Output(harness));
        harness.ProcessWatermark(1_000);
        Assert.Equal([Text("Vas", "click", 1)], Output(harness));
        harness.ProcessWatermark(10_000);
        Assert.Equal([Text("Vas", "click", 1), Text("Ann", "open", 4)], Output(harness));
        Assert.Equal([500L, 1_000L, 10_000L], harness.OutputWatermarks);
    }

    [Fact]
    public void EqualTimes_KeepTheFirstArrival_LateRowsAndRowsOfDoneKeysDropped()
    {
        using var harness = new OperatorHarness(Create());
        harness.ProcessBatch(Batch(Input, Row("Vas", "login", 3), Row("Vas", "click", 3)));
        harness.ProcessWatermark(3_000);
        var late = (EventTimeKeepFirstOperator)harness.Operator;
        harness.ProcessBatch(Batch(Input, Row("Ann", "late", 2), Row("Vas", "later", 9), R("+I", "Bob", "no time", null)));
        harness.ProcessWatermark(20_000);
        Assert.Equal([Text("Vas", "login", 3)], Output(harness));
        Assert.Equal(2, late.LateRowsDropped);
    }

    [Fact]
    public void UpdatingRow_Throws()
    {
        using var harness = new OperatorHarness(Create());
        var failure = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Input, R("-D", "Vas", "x", DateTime.UnixEpoch.AddSeconds(1)))));
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public void Snapshot_RestoreBetweenRowsAndWatermark_MatchesUninterruptedRun()
    {
        List<string> Run(bool restore)
        {
            var output = new List<string>();
            var harness = new OperatorHarness(Create());
            try
            {
                harness.ProcessBatch(Batch(Input, Row("Vas", "login", 3), Row("Ann", "open", 6)));
                harness.ProcessWatermark(3_000);
                harness.ProcessBatch(Batch(Input, Row("Ann", "earlier", 5), Row("Vas", "again", 7)));
                if (restore)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(Create(), restoreFrom: [snapshot]);
                    harness.ProcessWatermark(3_000);
                }

                harness.ProcessBatch(Batch(Input, Row("Bob", "first", 8), Row("Ann", "later", 9)));
                harness.ProcessWatermark(30_000);
                output.AddRange(Output(harness));
                return output;
            }
            finally
            {
                harness.Dispose();
            }
        }

        var uninterrupted = Run(restore: false);
        Assert.Equal([Text("Vas", "login", 3), Text("Ann", "earlier", 5), Text("Bob", "first", 8)], uninterrupted);
        Assert.Equal(uninterrupted, Run(restore: true));
    }
}
