namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// Golden SQL execution tests: every <c>Cases/Exec/**/*.sql</c> runs end to end through the engine three times
/// (<see cref="GoldenRunner"/>): at parallelism 1, where the plan, the final rows and (for <c>-- exact-changelog</c>
/// cases) the exact changelog must equal the case's <c>.out</c> file; at parallelism 4, and with a checkpoint, an
/// injected failure and a restore in the middle of the input, where the final rows must equal it.
/// </summary>
/// <remarks>
/// <para><b>Adding a case.</b> Write <c>Cases/Exec/&lt;feature&gt;/&lt;name&gt;.sql</c>: <c>CREATE TABLE</c>s over
/// files in <c>Cases/Exec/data/</c> (<c>'connector' = 'filesystem'</c>, a relative <c>'path'</c> such as
/// <c>'data/orders.csv'</c>), then exactly one query. Derive the expected rows from the data by hand, and write them in
/// <c>&lt;name&gt;.out</c> under <c>-- rows</c>; then <c>UPDATE_GOLDEN=1</c> writes the plan (and the changelog of
/// an <c>-- exact-changelog</c> case) together with the rows the engine produced: review the diff, a wrong golden
/// file is worse than none. Event times must be out of order by less than the table's watermark delay, so that no
/// row is late however the input is cut into batches.</para>
/// <para><b>Pending cases.</b> <c>-- pending: reason</c> skips a case whose feature is not executable yet. A case
/// that is not marked fails with the engine's message (e.g. "... is not supported in execution yet").</para>
/// </remarks>
public sealed class GoldenSqlTests
{
    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in GoldenCase.All())
        {
            foreach (var mode in GoldenRunner.Modes)
            {
                data.Add(name, mode);
            }
        }

        return data;
    }

    [Fact]
    public void Cases_AreFound_AndHaveExpectedRows()
    {
        var names = GoldenCase.All();
        Assert.True(names.Count >= 30, $"expected at least 30 cases under {GoldenCase.Root}, found {names.Count}");
        foreach (var name in names)
        {
            var @case = GoldenCase.Load(name);
            var expected = GoldenExpectation.Read(@case.OutPath);
            Assert.True(expected.Rows is not null, $"{name}: {@case.OutPath} has no '{GoldenExpectation.RowsHeader}' section");
            if (@case.PendingReason is null)
            {
                Assert.True(expected.Plan is not null, $"{name}: {@case.OutPath} has no '{GoldenExpectation.PlanHeader}' section; run UPDATE_GOLDEN=1 and review it");
                Assert.True(@case.ExactChangelog == expected.Changelog is not null,
                    $"{name}: the '{GoldenExpectation.ChangelogHeader}' section must be present exactly when the case is marked -- exact-changelog");
            }
        }
    }

    [GoldenTheory]
    [MemberData(nameof(Cases))]
    public async Task Case_ProducesTheRecordedResult(string name, string mode)
    {
        var @case = GoldenCase.Load(name);
        var expected = GoldenExpectation.Read(@case.OutPath);
        var run = await GoldenRunner.RunAsync(@case, mode);

        if (mode == GoldenRunner.Parallelism1 && Update)
        {
            new GoldenExpectation(run.Plan, run.Rows, @case.ExactChangelog ? run.Changelog : null).Write(@case.OutPath);
            return;
        }

        Assert.True(expected.Rows is not null, $"{@case.OutPath} has no '{GoldenExpectation.RowsHeader}' section");
        Assert.Equal(Lines(expected.Rows), Lines(run.Rows));
        switch (mode)
        {
            case GoldenRunner.Parallelism1:
                Assert.True(expected.Plan is not null, $"{@case.OutPath} has no plan; run UPDATE_GOLDEN=1 and review it");
                Assert.Equal(expected.Plan, run.Plan);
                if (@case.ExactChangelog)
                {
                    Assert.True(expected.Changelog is not null, $"{@case.OutPath} has no '{GoldenExpectation.ChangelogHeader}' section");
                    Assert.Equal(Lines(expected.Changelog), Lines(run.Changelog));
                }

                Assert.Equal(0, run.Restarts);
                break;
            case GoldenRunner.Restore when run.PausedSplits > 0:
                Assert.True(run.InjectedFailure, "the sources paused but the failure was not injected");
                Assert.Equal(1, run.Restarts);
                break;
            default:
                Assert.Equal(0, run.Restarts);
                break;
        }
    }

    /// <summary>Lines joined for a readable diff when an assertion fails.</summary>
    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines) + "\n";
}
