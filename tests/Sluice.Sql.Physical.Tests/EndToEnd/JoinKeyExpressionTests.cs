namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>Joins whose equality keys are expressions or need a cast (computed below the join by JoinKeyExpressionRule).</summary>
public sealed class JoinKeyExpressionTests
{
    private const string Tables = """
        CREATE VIEW a AS SELECT * FROM (VALUES (1, 'one'), (12, 'twelve'), (23, 'twenty-three'), (4, 'four')) AS t(x, name);
        CREATE VIEW b AS SELECT * FROM (VALUES (CAST(1 AS BIGINT), 'B1'), (CAST(2 AS BIGINT), 'B2'), (CAST(3 AS BIGINT), 'B3')) AS t(k, label);
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Keys_of_different_integer_types_join(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + "SELECT a.name, b.label FROM a JOIN b ON a.x = b.k;", parallelism: parallelism);

        Assert.Equal(["[one, B1]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Expression_keys_join_and_outer_joins_pad(int parallelism)
    {
        var inner = await SqlScriptRunner.RunAsync(Tables + "SELECT a.name, b.label FROM a JOIN b ON MOD(a.x, 10) = b.k;", parallelism: parallelism);
        Assert.Equal(["[one, B1]", "[twelve, B2]", "[twenty-three, B3]"], inner.Final);

        var left = await SqlScriptRunner.RunAsync(Tables + "SELECT a.name, b.label FROM a LEFT JOIN b ON MOD(a.x, 10) = b.k;",
            parallelism: parallelism);
        Assert.Equal(["[four, NULL]", "[one, B1]", "[twelve, B2]", "[twenty-three, B3]"], left.Final);
    }

    [Fact]
    public async Task Expression_keys_in_a_semi_join()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + "SELECT name FROM a WHERE MOD(x, 10) + 1 IN (SELECT k FROM b);");

        Assert.Equal(["[one]", "[twelve]"], result.Final);
    }
}
