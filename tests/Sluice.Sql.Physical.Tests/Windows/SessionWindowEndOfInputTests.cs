using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Windows;

/// <summary>
/// Processing-time sessions still open when a bounded input ends are emitted at its end (as processing-time windows
/// are), so a bounded job, and a window aggregation over the sessions, sees every row; also after a restore.
/// </summary>
public sealed class SessionWindowEndOfInputTests
{
    private static readonly Schema Input = new([new Field("k", DataTypes.String()), new Field("v", DataTypes.BigInt())]);

    private static SessionWindowAggregateOperator NewOperator() =>
        new(Input, [0], -1, TimeSpan.FromMilliseconds(10), [new AggregateCall(AggregateKind.Sum, 1, DataTypes.BigInt(), "total")],
            processingTime: true);

    [Fact]
    public void ProcessingTime_OpenSessions_FireAtTheEndOfInput()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(100));
        using var harness = new OperatorHarness(NewOperator(), timeProvider: clock).Open();
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L), R("+I", "b", 2L)));
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(3));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 4L)));
        Assert.Empty(Rows(harness));

        harness.EndInput();
        // a: rows at 100 and 103 -> [100, 113); b: [100, 110).
        Assert.Equal(["+I[a, 100, 113, 112, 5]", "+I[b, 100, 110, 109, 2]"], Rows(harness).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ProcessingTime_RestoredOpenSessions_FireAtTheEndOfInput()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(100));
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(NewOperator(), timeProvider: clock).Open())
        {
            first.ProcessBatch(Batch(Input, R("+I", "a", 1L)));
            snapshot = first.Snapshot(1);
        }

        using var restored = new OperatorHarness(NewOperator(), timeProvider: clock, restoreFrom: [snapshot]).Open();
        restored.ProcessBatch(Batch(Input, R("+I", "a", 6L)));
        restored.EndInput();
        Assert.Equal(["+I[a, 100, 110, 109, 7]"], Rows(restored));
    }
}
