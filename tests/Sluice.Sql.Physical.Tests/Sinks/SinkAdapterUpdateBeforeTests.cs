using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Sinks;

/// <summary>
/// The adapter in front of an upsert sink (a <see cref="CalcOperator"/> without expressions): it drops <c>-U</c> rows when
/// the query's upsert key is the sink's primary key, and turns them into <c>-D</c> when the key is a strict subset (or
/// none, without a materializer); the other rows and their order are kept.
/// </summary>
public sealed class SinkAdapterUpdateBeforeTests
{
    private static readonly Schema Input = Schema.Of(new Field("k", DataTypes.String()), new Field("n", DataTypes.BigInt()));

    private static List<string> Adapt(bool drop, bool asDelete)
    {
        using var harness = new OperatorHarness(new CalcOperator(Input, null, null, Input, drop, updateBeforeAsDelete: asDelete));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L), R("-U", "a", 1L), R("+U", "a", 2L), R("-D", "b", 5L), R("+I", "c", 3L)));
        harness.ProcessBatch(Batch(Input, R("+I", "d", 1L)));
        return Output(harness);
    }

    [Fact]
    public void Update_before_becomes_a_delete()
    {
        Assert.Equal(["+I[a, 1]", "-D[a, 1]", "+U[a, 2]", "-D[b, 5]", "+I[c, 3]", "+I[d, 1]"], Adapt(drop: false, asDelete: true));
    }

    [Fact]
    public void Dropping_update_before_wins_over_turning_it_into_a_delete()
    {
        Assert.Equal(["+I[a, 1]", "+U[a, 2]", "-D[b, 5]", "+I[c, 3]", "+I[d, 1]"], Adapt(drop: true, asDelete: true));
    }

    [Fact]
    public void Without_either_option_update_before_passes()
    {
        Assert.Equal(["+I[a, 1]", "-U[a, 1]", "+U[a, 2]", "-D[b, 5]", "+I[c, 3]", "+I[d, 1]"], Adapt(drop: false, asDelete: false));
    }
}
