using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Ptf;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Ptf;

/// <summary>TO_CHANGELOG: every change as an inserted row with its kind, keys first, unmapped kinds dropped.</summary>
public sealed class ToChangelogOperatorTests
{
    private static readonly Schema Input = Schema.Of(new Field("name", DataTypes.String()), new Field("id", DataTypes.Int()),
        new Field("cnt", DataTypes.BigInt()));

    private static readonly Schema OutputSchema = Schema.Of(new Field("id", DataTypes.Int()), new Field("op", DataTypes.String().NotNull()),
        new Field("name", DataTypes.String()), new Field("cnt", DataTypes.BigInt()));

    [Fact]
    public void EveryKind_BecomesAnInsertWithItsName()
    {
        using var harness = new OperatorHarness(new ToChangelogOperator(Input, [1], [0, 2], OutputSchema,
            ["INSERT", "UPDATE_BEFORE", "UPDATE_AFTER", "DELETE"]));
        harness.ProcessBatch(Batch(Input, R("+I", "Alice", 1, 1L), R("-U", "Alice", 1, 1L), R("+U", "Alice", 1, 2L), R("-D", "Bob", 2, 1L)));
        Assert.Equal(
            ["+I[1, INSERT, Alice, 1]", "+I[1, UPDATE_BEFORE, Alice, 1]", "+I[1, UPDATE_AFTER, Alice, 2]", "+I[2, DELETE, Bob, 1]"],
            Output(harness));
    }

    [Fact]
    public void UnmappedKinds_AreDropped_MappedOnesUseTheirCodes()
    {
        using var harness = new OperatorHarness(new ToChangelogOperator(Input, [1], [0, 2], OutputSchema, ["I", null, "U", null]));
        harness.ProcessBatch(Batch(Input, R("+I", "Alice", 1, 1L), R("-U", "Alice", 1, 1L), R("+U", "Alice", 1, 2L), R("-D", "Bob", 2, 1L)));
        harness.ProcessBatch(Batch(Input, R("-D", "Alice", 1, 2L)));
        Assert.Equal(["+I[1, I, Alice, 1]", "+I[1, U, Alice, 2]"], Output(harness));
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "Alice", 1, 1L)],
            [R("-U", "Alice", 1, 1L), R("+U", "Alice", 1, 2L)],
            [R("-D", "Alice", 1, 2L)],
        ];
        ToChangelogOperator Create() => new(Input, [1], [0, 2], OutputSchema, ["INSERT", "UPDATE_BEFORE", "UPDATE_AFTER", "DELETE"]);
        var uninterrupted = RunOneInput(Create, Input, script, -1);
        Assert.Equal(4, uninterrupted.Count);
        Assert.Equal(uninterrupted, RunOneInput(Create, Input, script, 1));
    }
}
