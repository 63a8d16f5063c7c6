using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Physical.Tests.Joins;

namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary><c>x IN (literals)</c> compares at the common type of the value and the literals.</summary>
public sealed class InListTests
{
    [Fact]
    public async Task A_short_varchar_is_not_matched_by_a_longer_literal_cut_to_its_length()
    {
        var id = TestRowsTableFactory.Register(["a"], ["b"]);
        var result = await SqlScriptRunner.RunAsync($"""
            CREATE TABLE t (c VARCHAR(1)) WITH ('connector' = 'test-rows', 'data-id' = '{id}');
            SELECT c, c IN ('apple', 'b') AS listed, LOWER(c) IN ('apple') AS lowered FROM t;
            """, registry: SqlScriptRunner.Registry().Add(new TestRowsTableFactory()));

        Assert.Equal(["[a, FALSE, FALSE]", "[b, TRUE, FALSE]"], result.Final);
    }
}
