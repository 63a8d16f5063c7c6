using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

public sealed class NullAwareAntiJoinOperatorTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()));

    private static NullAwareAntiJoinOperator NewJoin() => new(Left, Right, 0, 0);

    [Fact]
    public void EmptyRight_EveryLeftRowQualifies_EvenANullKey_UntilARightRowArrives()
    {
        using var harness = new OperatorHarness(NewJoin());
        Assert.Equal(["+I[1, a]", "+I[2, b]", "+I[null, n]"], Step(harness, 0, R("+I", 1, "a"), R("+I", null, "n"), R("+I", 2, "b")));
        Assert.Equal(["-D[1, a]", "-D[null, n]"], Step(harness, 1, R("+I", 1)));
    }

    [Fact]
    public void ANullOnTheRight_RejectsEveryLeftRow_UntilItIsRetracted()
    {
        using var harness = new OperatorHarness(NewJoin());
        Assert.Empty(Step(harness, 1, R("+I", 1)));
        Assert.Equal(["+I[2, b]", "+I[2, b]"], Step(harness, 0, R("+I", 1, "a"), R("+I", 2, "b"), R("+I", 2, "b")));
        Assert.Equal(["-D[2, b]", "-D[2, b]"], Step(harness, 1, R("+I", (object?)null)));
        Assert.Empty(Step(harness, 0, R("+I", 3, "c")));
        Assert.Equal(["+I[2, b]", "+I[2, b]", "+I[3, c]"], Step(harness, 1, R("-D", (object?)null)));
        Assert.Equal(["+I[1, a]"], Step(harness, 1, R("-D", 1)));
        Assert.Equal(["-D[2, b]", "-D[2, b]"], Step(harness, 1, R("+I", 2)));
    }

    [Fact]
    public void ARightKeyThatComesAndGoes_TogglesOnlyTheLeftRowsOfThatKey()
    {
        using var harness = new OperatorHarness(NewJoin());
        Assert.Empty(Step(harness, 1, R("+I", 9)));
        Assert.Equal(["+I[1, a]", "+I[1, b]", "+I[2, c]"], Step(harness, 0, R("+I", 1, "a"), R("+I", 1, "b"), R("+I", 2, "c"), R("+I", null, "n")));
        Assert.Equal(["-D[1, a]", "-D[1, b]"], Step(harness, 1, R("+I", 1)));
        Assert.Empty(Step(harness, 1, R("+I", 1)));
        Assert.Empty(Step(harness, 1, R("-D", 1)));
        Assert.Equal(["+I[1, a]", "+I[1, b]"], Step(harness, 1, R("-D", 1)));
        Assert.Equal(["-D[2, c]"], Step(harness, 0, R("-D", 2, "c"), R("-D", 7, "x")));
        Assert.Empty(Step(harness, 1, R("+I", 2)));
    }

    /// <summary>Feeds one batch and returns its output, sorted (rows that change together have no defined order).</summary>
    private static List<string> Step(OperatorHarness harness, int input, params (string, object?[])[] rows)
    {
        harness.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
        var output = Output(harness).Order(StringComparer.Ordinal).ToList();
        harness.ClearOutput();
        return output;
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, "a"), R("+I", null, "n")]),
            (1, [R("+I", 1)]),
            (0, [R("+I", 2, "b"), R("-D", 1, "a")]),
            (1, [R("+I", (object?)null), R("+I", 2)]),
            (1, [R("-D", (object?)null), R("-D", 1), R("-D", 2)]),
            (0, [R("+I", 3, "c")]),
        };
        // Rows that change together have no defined order (they are visited key by key): compare the results.
        Assert.Equal(Materialize(Run(script, -1)).Order(StringComparer.Ordinal), Materialize(Run(script, 1)).Order(StringComparer.Ordinal));
        Assert.Equal(Materialize(Run(script, -1)).Order(StringComparer.Ordinal), Materialize(Run(script, 3)).Order(StringComparer.Ordinal));
    }

    private static List<string> Run((int Input, (string, object?[])[] Rows)[] script, int snapshotAfter) =>
        RunTwoInput(NewJoin, Left, Right, script, snapshotAfter);
}
