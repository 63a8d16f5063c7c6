using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// Join keys whose types differ only in length or precision (<c>VARCHAR(5)</c> with <c>STRING</c>, <c>TIMESTAMP(3)</c>
/// with <c>TIMESTAMP(6)</c>) share their storage and encoding, so they join as keys, partitioned, like equal types.
/// </summary>
public sealed class JoinKeyTypeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Strings_of_different_lengths_join_as_keys(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW a AS SELECT CAST(k AS VARCHAR(5)) AS k, v FROM (VALUES ('ab', 1), ('cd', 2), ('x', 3)) AS t(k, v);
            CREATE VIEW b AS SELECT CAST(k AS STRING) AS k, w FROM (VALUES ('ab', 10), ('ab', 11), ('zz', 12)) AS t(k, w);
            SELECT a.k, a.v, b.w FROM a JOIN b ON a.k = b.k;
            """, parallelism: parallelism);

        Assert.Equal(["[ab, 1, 10]", "[ab, 1, 11]"], result.Final);
    }

    [Fact]
    public async Task Timestamps_of_different_precisions_join_as_keys()
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW a AS SELECT CAST(t AS TIMESTAMP(3)) AS t, v FROM (VALUES (TIMESTAMP '2026-01-01 00:00:01', 1), (TIMESTAMP '2026-01-01 00:00:02', 2)) AS x(t, v);
            CREATE VIEW b AS SELECT CAST(t AS TIMESTAMP(6)) AS t, w FROM (VALUES (TIMESTAMP '2026-01-01 00:00:02', 20)) AS x(t, w);
            SELECT a.v, b.w FROM a JOIN b ON a.t = b.t;
            """);

        Assert.Equal(["[2, 20]"], result.Final);
    }
}
