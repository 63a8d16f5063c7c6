using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>Flink-style SQL scripts with the connectors, run through the SQL session.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SqlEndToEndTests
{
    private readonly PostgresServer _server;
    private readonly string _db;

    public SqlEndToEndTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("sql");
    }

    private SqlSession Session(TimeSpan? checkpoints = null) =>
        new(new SqlSessionOptions(TestTables.Registry()) { CheckpointInterval = checkpoints, Parallelism = 2 });

    private static SqlStatementOutcome Run(SqlSession session, string script) =>
        SqlSession.ParseScript(script).Select(session.Execute).ToList()[^1];

    [Fact]
    public async Task JdbcScript_WritesWithUpserts_AndScansBack()
    {
        _server.Execute(_db, "CREATE TABLE dst (id bigint PRIMARY KEY, name text, bucket int)");
        var session = Session();
        var insert = Run(session, $"""
            CREATE TABLE src (id BIGINT, name STRING) WITH (
              'connector' = 'datagen', 'number-of-rows' = '500',
              'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '500', 'fields.name.length' = '6');
            CREATE TABLE dst (id BIGINT, name STRING, bucket INT, PRIMARY KEY (id) NOT ENFORCED) WITH (
              'connector' = 'jdbc', 'url' = '{_server.JdbcUrl(_db)}', 'table-name' = 'public.dst', 'username' = 'postgres',
              'sink.buffer-flush.max-rows' = '64');
            INSERT INTO dst SELECT id, name, CAST(id % 10 AS INT) FROM src;
            """);
        await using (var job = insert.Job!)
        {
            var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        }

        Assert.Equal(["500|500|0|9"], _server.Query(_db, "SELECT count(*), count(DISTINCT id), min(bucket), max(bucket) FROM dst"));

        var query = Run(session, """
            CREATE TABLE dst_scan (id BIGINT, bucket INT) WITH (
              'connector' = 'postgres', 'url' = '__URL__', 'table-name' = 'dst', 'username' = 'postgres',
              'scan.partition.column' = 'id', 'scan.partition.num' = '3', 'scan.partition.lower-bound' = '1', 'scan.partition.upper-bound' = '500',
              'scan.fetch-size' = '50');
            SELECT id FROM dst_scan WHERE bucket = 3;
            """.Replace("__URL__", _server.JdbcUrl(_db), StringComparison.Ordinal));
        await using var select = query.Job!;
        var ids = new List<string>();
        await foreach (var batch in select.Results.ReadAllAsync())
        {
            using (batch)
            {
                ids.AddRange(batch.ToRowStrings());
            }
        }

        Assert.Equal(50, ids.Count);
        Assert.Contains("+I[43]", ids);
    }

    /// <summary>
    /// A scan partitioned by a timestamp column at parallelism 2 reads every row once; the query reads two of the three
    /// columns, so the third, which holds values its declared type cannot read, is never selected.
    /// </summary>
    [Fact]
    public async Task TimestampPartitionedScan_OfTheColumnsTheQueryReads_ReadsEveryRowOnce()
    {
        _server.Execute(_db, "CREATE TABLE events (id int PRIMARY KEY, at timestamp, payload numeric); " +
            "INSERT INTO events SELECT g, TIMESTAMP '2024-01-01' + g * INTERVAL '17 minutes', 1e30 FROM generate_series(1, 300) g; " +
            "INSERT INTO events VALUES (0, NULL, 1e30)");
        var session = Session();
        var query = Run(session, $"""
            CREATE TABLE events (id INT, at TIMESTAMP(6), payload DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED) WITH (
              'connector' = 'postgres', 'url' = '{_server.JdbcUrl(_db)}', 'table-name' = 'events', 'username' = 'postgres',
              'scan.partition.column' = 'at', 'scan.partition.num' = '4',
              'scan.partition.lower-bound' = '2024-01-01 00:00:00', 'scan.partition.upper-bound' = '2024-01-04 00:00:00', 'scan.fetch-size' = '40');
            SELECT id, at FROM events WHERE id % 10 = 0 OR at IS NULL;
            """);
        await using var select = query.Job!;
        var rows = new List<string>();
        await foreach (var batch in select.Results.ReadAllAsync())
        {
            using (batch)
            {
                rows.AddRange(batch.ToRowStrings());
            }
        }

        var result = await select.Completion;
        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        Assert.Equal(31, rows.Count);
        Assert.Equal(31, rows.Distinct().Count());
        Assert.Contains("+I[0, null]", rows);
    }

    [Fact]
    public async Task LookupJoin_EnrichesAStreamFromATable_AndLeftJoinPadsMisses()
    {
        _server.Execute(_db, "CREATE TABLE customers (id bigint PRIMARY KEY, name text, tier text); " +
            "INSERT INTO customers SELECT g, 'customer ' || g, CASE WHEN g % 2 = 0 THEN 'gold' ELSE 'basic' END FROM generate_series(1, 40) g");
        var session = Session();
        var query = Run(session, $"""
            CREATE TABLE orders (order_id BIGINT, customer_id BIGINT, proc AS PROCTIME()) WITH (
              'connector' = 'datagen', 'number-of-rows' = '100',
              'fields.order_id.kind' = 'sequence', 'fields.order_id.start' = '1', 'fields.order_id.end' = '100',
              'fields.customer_id.kind' = 'sequence', 'fields.customer_id.start' = '1', 'fields.customer_id.end' = '100');
            CREATE TABLE customers (id BIGINT, name STRING, tier STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
              'connector' = 'jdbc', 'url' = '{_server.JdbcUrl(_db)}', 'table-name' = 'customers', 'username' = 'postgres',
              'lookup.cache.max-rows' = '1000', 'lookup.cache.ttl' = '1 min');
            SELECT o.order_id, c.name, c.tier
            FROM orders AS o LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc AS c ON o.customer_id = c.id
            WHERE o.order_id <= 3 OR o.order_id >= 99;
            """);
        await using var select = query.Job!;
        var rows = new List<string>();
        await foreach (var batch in select.Results.ReadAllAsync())
        {
            using (batch)
            {
                rows.AddRange(batch.ToRowStrings());
            }
        }

        var result = await select.Completion;
        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        Assert.Equal(
            ["+I[1, customer 1, basic]", "+I[100, null, null]", "+I[2, customer 2, gold]", "+I[3, customer 3, basic]", "+I[99, null, null]"],
            rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CdcIntoAnExactlyOnceUpsertTable_FollowsTheSourceTable()
    {
        _server.Execute(_db, "CREATE TABLE orders (id int PRIMARY KEY, customer text, amount numeric(10,2)); ALTER TABLE orders REPLICA IDENTITY FULL; " +
            "INSERT INTO orders SELECT g, 'c' || (g % 3), g FROM generate_series(1, 30) g; " +
            "CREATE TABLE totals (customer text PRIMARY KEY, n bigint, total numeric(12,2))");
        var session = Session(TimeSpan.FromMilliseconds(200));
        var insert = Run(session, $"""
            CREATE TABLE orders_cdc (id INT, customer STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED) WITH (
              'connector' = 'postgres-cdc', 'hostname' = '127.0.0.1', 'port' = '{_server.Port}', 'username' = 'postgres',
              'password' = 'x', 'database-name' = '{_db}', 'table-name' = 'orders', 'slot.name' = 'sql_e2e_slot',
              'debezium.snapshot.mode' = 'initial');
            CREATE TABLE totals (customer STRING, n BIGINT, total DECIMAL(12, 2), PRIMARY KEY (customer) NOT ENFORCED) WITH (
              'connector' = 'postgres', 'url' = '{_server.JdbcUrl(_db)}', 'table-name' = 'totals', 'username' = 'postgres',
              'sink.delivery-guarantee' = 'exactly-once', 'sink.transaction-id-prefix' = 'sql-e2e-totals');
            INSERT INTO totals SELECT customer, COUNT(*), SUM(amount) FROM orders_cdc GROUP BY customer;
            """);
        await using var job = insert.Job!;
        const string expected = "SELECT customer, count(*), sum(amount) FROM orders GROUP BY customer ORDER BY customer";
        const string actual = "SELECT customer, n, total FROM totals ORDER BY customer";
        Poll.Until(() => _server.Query(_db, actual).SequenceEqual(_server.Query(_db, expected)), "the snapshot's totals", 60);

        _server.Execute(_db, "BEGIN; UPDATE orders SET customer = 'c9', amount = 100 WHERE id IN (1, 2); DELETE FROM orders WHERE id = 3; " +
            "INSERT INTO orders VALUES (31, 'c0', 5); COMMIT; DELETE FROM orders WHERE customer = 'c1'");
        Poll.Until(() => _server.Query(_db, actual).SequenceEqual(_server.Query(_db, expected)), "the totals after the changes", 60);
        Assert.Contains("c9|2|200.00", _server.Query(_db, actual));
        Assert.DoesNotContain(_server.Query(_db, actual), r => r.StartsWith("c1|", StringComparison.Ordinal));
        await job.Client.CancelAsync();
        foreach (var gid in _server.Query(_db, "SELECT gid FROM pg_prepared_xacts WHERE gid LIKE 'sql-e2e-totals:%'"))
        {
            _server.Execute(_db, $"ROLLBACK PREPARED '{gid}'");
        }
    }
}
