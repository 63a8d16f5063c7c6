using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Ptf;
using Sluice.State.Keyed;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Ptf;

/// <summary>DEDUPLICATE_KEEP_FIRST by arrival: first rows, updating input, state TTL, and snapshot/restore.</summary>
public sealed class KeepFirstOperatorTests
{
    /// <summary>(user_name, action): PARTITION BY user_name, output (user_name, action).</summary>
    private static readonly Schema Input = Schema.Of(new Field("action", DataTypes.String()), new Field("user_name", DataTypes.String()));

    private static readonly Schema OutputSchema = Schema.Of(new Field("user_name", DataTypes.String()), new Field("action", DataTypes.String()));

    private static KeepFirstOperator Create(StateTtlConfig? ttl = null, bool reset = true, int[]? keys = null) =>
        new(Input, keys ?? [1], [1, 0], OutputSchema, ttl, reset);

    [Fact]
    public void FirstRowPerKey_IsEmittedWithTheKeyFirst_LaterRowsDropped()
    {
        using var harness = new OperatorHarness(Create());
        harness.ProcessBatch(Batch(Input, R("+I", "login", "Vas"), R("+I", "click", "Vas"), R("+I", "view", "Bob")));
        harness.ProcessBatch(Batch(Input, R("+I", "logout", "Bob"), R("+I", "view", null), R("+I", "click", null)));
        Assert.Equal(["+I[Vas, login]", "+I[Bob, view]", "+I[null, view]"], Output(harness));
    }

    [Fact]
    public void UpdatingInput_RetractionOfUnseenKeyIgnored_LaterChangesSwallowed_OutputInsertOnly()
    {
        using var harness = new OperatorHarness(Create());
        harness.ProcessBatch(Batch(Input,
            R("-D", "logout", "Vas"), R("-U", "x", "Ann"), R("+I", "login", "Vas"), R("+I", "login", "Vas"),
            R("-U", "login", "Vas"), R("+U", "click", "Vas"), R("-D", "click", "Vas"), R("+U", "edit", "Ann")));
        Assert.Equal(["+I[Vas, login]", "+I[Ann, edit]"], Output(harness));
    }

    [Fact]
    public void WithoutKeys_OnlyTheFirstRowOfTheInputIsEmitted()
    {
        using var harness = new OperatorHarness(Create(keys: []));
        harness.ProcessBatch(Batch(Input, R("+I", "login", "Vas"), R("+I", "click", "Alice")));
        harness.ProcessBatch(Batch(Input, R("+I", "view", "Bob")));
        Assert.Equal(["+I[Vas, login]"], Output(harness));
    }

    [Fact]
    public void StateTtl_ExpiredKeyStartsANewPeriod_ResetOnDuplicateExtendsIt()
    {
        var ttl = new StateTtlConfig(TimeSpan.FromSeconds(5));

        // Without reset the period runs from the first row: a duplicate at 4 s does not extend it, so at 6 s it expired.
        using (var harness = new OperatorHarness(Create(ttl, reset: false)))
        {
            harness.ProcessBatch(Batch(Input, R("+I", "login", "Vas")));
            harness.AdvanceProcessingTime(TimeSpan.FromSeconds(4));
            harness.ProcessBatch(Batch(Input, R("+I", "click", "Vas")));
            harness.AdvanceProcessingTime(TimeSpan.FromSeconds(2));
            harness.ProcessBatch(Batch(Input, R("+I", "view", "Vas")));
            Assert.Equal(["+I[Vas, login]", "+I[Vas, view]"], Output(harness));
        }

        // With reset the duplicate at 4 s refreshes the key: at 6 s it is still seen (and refreshed again), at 12 s (6 s after the last
        // duplicate) it expired.
        using (var harness = new OperatorHarness(Create(ttl, reset: true)))
        {
            harness.ProcessBatch(Batch(Input, R("+I", "login", "Vas")));
            harness.AdvanceProcessingTime(TimeSpan.FromSeconds(4));
            harness.ProcessBatch(Batch(Input, R("+I", "click", "Vas")));
            harness.AdvanceProcessingTime(TimeSpan.FromSeconds(2));
            harness.ProcessBatch(Batch(Input, R("+I", "view", "Vas")));
            harness.AdvanceProcessingTime(TimeSpan.FromSeconds(6));
            harness.ProcessBatch(Batch(Input, R("+I", "edit", "Vas")));
            Assert.Equal(["+I[Vas, login]", "+I[Vas, edit]"], Output(harness));
        }
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "login", "Vas"), R("-D", "x", "Bob")],
            [R("+I", "click", "Vas"), R("+I", "view", "Bob")],
            [R("+I", "edit", "Bob"), R("+I", "open", "Ann"), R("+I", "again", "Vas")],
        ];
        var uninterrupted = RunOneInput(() => Create(), Input, script, -1);
        Assert.Equal(["+I[Vas, login]", "+I[Bob, view]", "+I[Ann, open]"], uninterrupted);
        Assert.Equal(uninterrupted, RunOneInput(() => Create(), Input, script, 0));
        Assert.Equal(uninterrupted, RunOneInput(() => Create(), Input, script, 1));
    }
}
