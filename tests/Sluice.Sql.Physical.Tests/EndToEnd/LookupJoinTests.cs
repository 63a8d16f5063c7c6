using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Sql.Physical.Tests.Joins;

namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>Lookup joins (processing-time temporal joins) and the normalization of upsert sources, end to end.</summary>
public sealed class LookupJoinTests
{
    private static ConnectorRegistry Registry() => SqlScriptRunner.Registry().Add(new TestRowsTableFactory());

    private static (string Script, string Orders, string Customers) Tables()
    {
        var orders = TestRowsTableFactory.Register(
            [1L, 10, 100], [2L, 20, 250], [3L, 10, 70], [4L, 30, 40], [5L, null, 5], [6L, 40, 90]);
        var customers = TestRowsTableFactory.Register(
            [10, "alice", "DE"], [20, "bob", "FR"], [30, "carol", "DE"], [30, "carol-2", "AT"]);
        var script = $"""
            CREATE TABLE Orders (id BIGINT, customer_id INT, amount INT, proc AS PROCTIME())
              WITH ('connector' = 'test-rows', 'data-id' = '{orders}');
            CREATE TABLE Customers (id INT, name STRING, country STRING, shout AS UPPER(name), PRIMARY KEY (id) NOT ENFORCED)
              WITH ('connector' = 'test-rows', 'data-id' = '{customers}');
            """;
        return (script, orders, customers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Inner_lookup_join_matches_every_row_of_the_key(int parallelism)
    {
        var (script, _, customers) = Tables();
        var result = await SqlScriptRunner.RunAsync(script + """
            SELECT o.id, c.name, o.amount
            FROM Orders AS o JOIN Customers FOR SYSTEM_TIME AS OF o.proc AS c ON o.customer_id = c.id;
            """, parallelism: parallelism, registry: Registry());

        Assert.Equal(["[1, alice, 100]", "[2, bob, 250]", "[3, alice, 70]", "[4, carol, 40]", "[4, carol-2, 40]"], result.Final);
        Assert.All(result.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));
        Assert.Equal(5, TestRowsTableFactory.LookupCount(customers)); // the NULL key is never looked up
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Lookup_join_on_an_expression_of_the_left_side_computes_the_key_before_the_lookup(int parallelism)
    {
        // Nexmark q13's shape (ON MOD(b.auction, 10000) = s.key); the residual condition on the table still applies.
        var (script, _, _) = Tables();
        var result = await SqlScriptRunner.RunAsync(script + """
            SELECT o.id, c.name, o.amount
            FROM Orders AS o JOIN Customers FOR SYSTEM_TIME AS OF o.proc AS c
              ON (o.customer_id + 10) / 2 = c.id AND c.country = 'DE';
            """, parallelism: parallelism, registry: Registry());

        // (10 + 10) / 2 = 10 → alice (DE); (20 + 10) / 2 = 15 → none; (30 + 10) / 2 = 20 → bob (FR, filtered);
        // (40 + 10) / 2 = 25 → none; NULL → never looked up.
        Assert.Equal(["[1, alice, 100]", "[3, alice, 70]"], result.Final);
    }

    [Fact]
    public async Task Left_lookup_join_pads_missing_and_null_keys()
    {
        var (script, _, _) = Tables();
        var result = await SqlScriptRunner.RunAsync(script + """
            SELECT o.id, c.name
            FROM Orders AS o LEFT JOIN Customers FOR SYSTEM_TIME AS OF o.proc AS c ON o.customer_id = c.id;
            """, registry: Registry());

        Assert.Equal(["[1, alice]", "[2, bob]", "[3, alice]", "[4, carol-2]", "[4, carol]", "[5, NULL]", "[6, NULL]"], result.Final);
    }

    [Fact]
    public async Task Left_lookup_join_applies_the_residual_condition_before_padding()
    {
        var (script, _, _) = Tables();
        var result = await SqlScriptRunner.RunAsync(script + """
            SELECT o.id, c.name, c.country
            FROM Orders AS o LEFT JOIN Customers FOR SYSTEM_TIME AS OF o.proc AS c
              ON o.customer_id = c.id AND c.country = 'DE' AND o.amount > 50;
            """, registry: Registry());

        Assert.Equal(["[1, alice, DE]", "[2, NULL, NULL]", "[3, alice, DE]", "[4, NULL, NULL]", "[5, NULL, NULL]", "[6, NULL, NULL]"], result.Final);
    }

    [Fact]
    public async Task Computed_columns_of_the_looked_up_table_are_computed_after_the_lookup()
    {
        var (script, _, _) = Tables();
        var result = await SqlScriptRunner.RunAsync(script + """
            SELECT o.id, c.shout FROM Orders AS o JOIN Customers FOR SYSTEM_TIME AS OF o.proc AS c ON o.customer_id = c.id WHERE o.id < 3;
            """, registry: Registry());

        Assert.Equal(["[1, ALICE]", "[2, BOB]"], result.Final);
    }

    [Fact]
    public async Task A_table_without_lookup_support_is_a_clear_planning_error()
    {
        var (script, _, _) = Tables();
        var error = await Assert.ThrowsAnyAsync<SluiceException>(() => SqlScriptRunner.RunAsync(script + """
            CREATE TABLE Gen (id INT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
            SELECT o.id, g.name FROM Orders AS o JOIN Gen FOR SYSTEM_TIME AS OF o.proc AS g ON o.customer_id = g.id;
            """, registry: Registry()));

        Assert.Contains("'Gen' (connector 'datagen') cannot be looked up", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task An_upsert_source_is_normalized_into_a_full_changelog(int parallelism)
    {
        var id = TestRowsTableFactory.Register(
            (RowKind.Insert, [1, "a", 10]), (RowKind.Insert, [2, "b", 20]), (RowKind.UpdateAfter, [1, "a", 11]),
            (RowKind.UpdateAfter, [1, "a", 11]), (RowKind.Delete, [2, null, null]), (RowKind.Insert, [3, "a", 5]));
        var table = $"""
            CREATE TABLE Accounts (id INT, owner STRING, balance INT, PRIMARY KEY (id) NOT ENFORCED)
              WITH ('connector' = 'test-rows', 'data-id' = '{id}', 'changelog-mode' = 'upsert');
            """;

        var rows = await SqlScriptRunner.RunAsync(table + "SELECT * FROM Accounts;", parallelism: parallelism, registry: Registry());
        Assert.Equal(["[1, a, 11]", "[3, a, 5]"], rows.Final);
        Assert.Contains("-U[1, a, 10]", rows.Changelog);
        Assert.Contains("-D[2, b, 20]", rows.Changelog); // the full row, although the tombstone carried only the key

        var totals = await SqlScriptRunner.RunAsync(table + "SELECT owner, SUM(balance) AS total, COUNT(*) AS n FROM Accounts GROUP BY owner;",
            parallelism: parallelism, registry: Registry());
        Assert.Equal(["[a, 16, 2]"], totals.Final);
    }

    [Fact]
    public async Task An_upsert_source_without_a_primary_key_is_a_clear_planning_error()
    {
        var id = TestRowsTableFactory.Register((RowKind.Insert, [1, "a"]));
        var error = await Assert.ThrowsAnyAsync<SluiceException>(() => SqlScriptRunner.RunAsync($"""
            CREATE TABLE Accounts (id INT, owner STRING) WITH ('connector' = 'test-rows', 'data-id' = '{id}', 'changelog-mode' = 'upsert');
            SELECT * FROM Accounts;
            """, registry: Registry()));

        Assert.Contains("needs a PRIMARY KEY", error.Message, StringComparison.Ordinal);
    }
}
