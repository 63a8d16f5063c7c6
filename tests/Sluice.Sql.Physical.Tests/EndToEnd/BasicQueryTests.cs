namespace Sluice.Sql.Physical.Tests.EndToEnd;

public sealed class BasicQueryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-sql-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Csv(string name, params string[] lines)
    {
        File.WriteAllLines(Path.Combine(_directory, name), lines);
        return Path.Combine(_directory, name);
    }

    private string Orders() => $"""
        CREATE TABLE Orders (id BIGINT, customer STRING, amount INT, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
        WITH ('connector' = 'filesystem', 'path' = '{Csv("orders.csv",
            "1,alice,10,2024-01-01 10:00:00",
            "2,bob,25,2024-01-01 10:00:01",
            "3,alice,7,2024-01-01 10:00:02",
            "4,carol,40,2024-01-01 10:00:03",
            "5,bob,,2024-01-01 10:00:04")}', 'format' = 'csv');
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Filter_and_projection_over_a_file(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Orders() + """
            SELECT id, UPPER(customer) AS who, amount * 2 AS doubled FROM Orders WHERE amount > 8;
            """, parallelism: parallelism);

        Assert.Equal(["[1, ALICE, 20]", "[2, BOB, 50]", "[4, CAROL, 80]"], result.Final);
        Assert.All(result.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Values_and_union_all()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(x, y)
            UNION ALL
            SELECT * FROM (VALUES (3, 'c')) AS u(x, y);
            """);

        Assert.Equal(["[1, a]", "[2, b]", "[3, c]"], result.Final);
    }

    [Fact]
    public async Task Insert_into_a_filesystem_sink_commits_the_rows()
    {
        var output = Path.Combine(_directory, "out");
        await SqlScriptRunner.RunAsync(Orders() + $"""
            CREATE TABLE Big (id BIGINT, customer STRING) WITH ('connector' = 'filesystem', 'path' = '{output}', 'format' = 'csv');
            INSERT INTO Big SELECT id, customer FROM Orders WHERE amount >= 25;
            """);

        var lines = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .SelectMany(File.ReadAllLines)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["2,bob", "4,carol"], lines);
    }

    [Fact]
    public async Task Inner_and_left_joins_on_keys()
    {
        var customers = Csv("customers.csv", "alice,Berlin", "bob,Paris");
        var script = Orders() + $"""
            CREATE TABLE Customers (name STRING, city STRING) WITH ('connector' = 'filesystem', 'path' = '{customers}', 'format' = 'csv');
            SELECT o.id, c.city FROM Orders AS o LEFT JOIN Customers AS c ON o.customer = c.name;
            """;

        var result = await SqlScriptRunner.RunAsync(script, parallelism: 2);

        Assert.Equal(["[1, Berlin]", "[2, Paris]", "[3, Berlin]", "[4, NULL]", "[5, Paris]"], result.Final);
    }

    [Fact]
    public async Task An_updating_query_into_an_append_only_sink_is_rejected_while_planning()
    {
        var output = Path.Combine(_directory, "out2");
        var error = await Assert.ThrowsAnyAsync<Sluice.Core.Errors.SluiceException>(() => SqlScriptRunner.RunAsync(Orders() + $"""
            CREATE TABLE Totals (customer STRING, total INT) WITH ('connector' = 'filesystem', 'path' = '{output}', 'format' = 'csv');
            INSERT INTO Totals SELECT DISTINCT customer, amount FROM Orders;
            """));

        Assert.Contains("doesn't support consuming update and delete changes", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("line ", error.Message, StringComparison.Ordinal); // at the INSERT's target table
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Group_aggregate_emits_updates_and_final_totals(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Orders() + """
            SELECT customer, COUNT(*) AS orders, SUM(amount) AS total FROM Orders GROUP BY customer;
            """, parallelism: parallelism);

        Assert.Equal(["[alice, 2, 17]", "[bob, 2, 25]", "[carol, 1, 40]"], result.Final);
    }

    [Fact]
    public async Task Latest_event_per_key_joined_with_its_route()
    {
        var events = Csv("events.csv",
            "1,2024-01-01 08:00:00,1",
            "2,2024-01-01 08:30:00,1",
            "1,2024-01-01 09:00:00,2",
            "1,2024-01-01 10:00:00,4",
            "3,2024-01-01 10:00:00,3");
        var routes = Csv("routes.csv", "100,1,5", "200,3,3");
        var script = $"""
            CREATE TABLE ShipEvent (trackingNumber BIGINT, occurredAt TIMESTAMP(3), currentStopId INT,
              WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND)
            WITH ('connector' = 'filesystem', 'path' = '{events}', 'format' = 'csv');
            CREATE TABLE ShipRoute (routeId BIGINT, trackingNumber BIGINT, endStopId INT)
            WITH ('connector' = 'filesystem', 'path' = '{routes}', 'format' = 'csv');
            SELECT e.trackingNumber, r.endStopId - e.currentStopId AS remainingStops
            FROM (
              SELECT trackingNumber, currentStopId,
                     ROW_NUMBER() OVER (PARTITION BY trackingNumber ORDER BY occurredAt DESC) AS rn
              FROM ShipEvent
            ) AS e
            LEFT JOIN ShipRoute AS r ON e.trackingNumber = r.trackingNumber
            WHERE e.rn = 1;
            """;

        var result = await SqlScriptRunner.RunAsync(script);

        Assert.Equal(["[1, 1]", "[2, NULL]", "[3, 0]"], result.Final);
    }

    [Theory]
    [InlineData("EXISTS (SELECT * FROM Vip AS v WHERE v.name = o.customer)", new[] { "[1]", "[3]", "[4]" })]
    [InlineData("NOT EXISTS (SELECT * FROM Vip AS v WHERE v.name = o.customer)", new[] { "[2]", "[5]" })]
    [InlineData("o.customer IN (SELECT name FROM Vip)", new[] { "[1]", "[3]", "[4]" })]
    public async Task Subqueries_become_semi_and_anti_joins(string predicate, string[] expected)
    {
        var vip = Csv("vip.csv", "alice", "carol", "alice");
        var result = await SqlScriptRunner.RunAsync(Orders() + $"""
            CREATE TABLE Vip (name STRING) WITH ('connector' = 'filesystem', 'path' = '{vip}', 'format' = 'csv');
            SELECT o.id FROM Orders AS o WHERE {predicate};
            """, parallelism: 2);

        Assert.Equal(expected, result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Top_n_per_group_keeps_the_largest_rows(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Orders() + """
            SELECT customer, id, amount FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY amount DESC) AS rn FROM Orders)
            WHERE rn <= 1;
            """, parallelism: parallelism);

        // bob's second order has a NULL amount, which sorts last in descending order.
        Assert.Equal(["[alice, 1, 10]", "[bob, 2, 25]", "[carol, 4, 40]"], result.Final);
    }

    [Fact]
    public async Task The_projection_is_not_evaluated_on_rows_the_filter_removed()
    {
        // 100 / (amount - 10) divides by zero for alice's first order, which the filter removes.
        var result = await SqlScriptRunner.RunAsync(Orders() + """
            SELECT id, 100 / (amount - 10) AS q FROM Orders WHERE amount <> 10;
            """);

        Assert.Equal(["[2, 6]", "[3, -33]", "[4, 3]"], result.Final);
    }
}
