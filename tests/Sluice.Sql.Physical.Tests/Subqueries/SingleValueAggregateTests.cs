using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Subqueries;

/// <summary>SINGLE_VALUE per key (correlated scalar subqueries): the only value of the group, through retractions and a restore.</summary>
public sealed class SingleValueAggregateTests
{
    private static readonly Schema Input = Schema.Of(new Field("k", DataTypes.String()), new Field("v", DataTypes.Int()));

    private static GroupAggregateOperator NewOperator() => new(Input, [0],
        [new AggregateCall(AggregateKind.SingleValue, 1, DataTypes.Int(), "v")]);

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "a", 1), R("+I", "b", 2)],
            [R("-D", "a", 1), R("+I", "a", 3)],
            [R("-U", "b", 2), R("+U", "b", 4), R("+I", "c", null)],
        ];

        var expected = RunOneInput(NewOperator, Input, script, snapshotAfter: -1);
        var actual = RunOneInput(NewOperator, Input, script, snapshotAfter: 1);

        Assert.Equal(expected, actual);
        Assert.Equal(["[a, 3]", "[b, 4]", "[c, null]"], Materialize(actual));
    }

    [Fact]
    public void TwoRowsForAKey_FailWithAClearError()
    {
        var error = Assert.ThrowsAny<SluiceException>(() =>
            RunOneInput(NewOperator, Input, [[R("+I", "a", 1), R("+I", "a", 2)]], snapshotAfter: -1));

        var cause = error.InnerException as SluiceException ?? error;
        Assert.Equal(ErrorDomain.User, cause.Domain);
        Assert.Contains("at most one", cause.Message, StringComparison.Ordinal);
    }
}
