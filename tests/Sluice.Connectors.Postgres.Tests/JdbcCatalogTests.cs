using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Errors;
using Sluice.Runtime.Execution;
using Sluice.Sql;
using Sluice.Sql.Physical.Session;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>
/// The <c>jdbc</c> catalog type against a real PostgreSQL server: its databases and tables are the server's, typed as
/// Flink's JDBC catalog types them, readable and writable through the <c>jdbc</c> connector, and read-only for DDL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JdbcCatalogTests
{
    private readonly PostgresServer _server;
    private readonly string _db;

    public JdbcCatalogTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("catalog");
    }

    private static SqlSession Session() => new(new SqlSessionOptions(TestTables.Registry()) { Parallelism = 1 });

    private static SqlStatementOutcome Run(SqlSession session, string script) =>
        SqlSession.ParseScript(script).Select(session.Execute).ToList()[^1];

    private static List<string> Column(SqlStatementOutcome outcome, int column = 0) =>
        [.. outcome.Result!.Rows.Select(r => Convert.ToString(r[column], System.Globalization.CultureInfo.InvariantCulture)!)];

    private string CreateCatalog(string name = "pg") =>
        $"CREATE CATALOG {name} WITH ('type' = 'jdbc', 'base-url' = 'jdbc:postgresql://127.0.0.1:{_server.Port}', " +
        $"'default-database' = '{_db}', 'username' = 'postgres');";

    [Fact]
    public void Catalog_ListsTheServersDatabasesAndTables_WithFlinksTypes()
    {
        _server.Execute(_db, """
            CREATE SCHEMA shop;
            CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(10,2) NOT NULL, note varchar(20), tags text[],
              at timestamp(3), atz timestamptz, flag boolean, raw bytea, d date, c char(3), n numeric, r real, i int2);
            CREATE TABLE shop.items (sku text, qty int4 NOT NULL);
            CREATE TABLE odd (p point);
            """);
        var session = Session();
        Run(session, CreateCatalog());

        Assert.Contains(_db, Column(Run(session, "SHOW DATABASES IN pg;")));
        Assert.DoesNotContain("template0", Column(Run(session, "SHOW DATABASES IN pg;")));

        Run(session, "USE CATALOG pg;");
        Assert.Equal(_db, Column(Run(session, "SHOW CURRENT DATABASE;")).Single());

        // 'odd' has a column without a SQL type: listed nowhere, and an error that names the column when used.
        Assert.Equal(["public.orders", "shop.items"], Column(Run(session, "SHOW TABLES;")));

        var describe = Run(session, "DESCRIBE orders;").Result!.Rows;
        Assert.Equal(
        [
            "id|BIGINT|False", "amount|DECIMAL(10, 2)|False", "note|VARCHAR(20)|True", "tags|ARRAY<STRING>|True",
            "at|TIMESTAMP(3)|True", "atz|TIMESTAMP_LTZ(6)|True", "flag|BOOLEAN|True", "raw|BYTES|True", "d|DATE|True",
            "c|CHAR(3)|True", "n|DECIMAL(38, 18)|True", "r|FLOAT|True", "i|SMALLINT|True",
        ], describe.Select(r => $"{r[0]}|{r[1]}|{r[2]}"));
        Assert.StartsWith("PRI", Convert.ToString(describe[0][3], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // A schema-qualified name and a name in the public schema without it.
        Assert.Equal(["sku|STRING", "qty|INT"], Run(session, $"DESCRIBE pg.{_db}.`shop.items`;").Result!.Rows.Select(r => $"{r[0]}|{r[1]}"));
        Assert.Equal(13, Run(session, $"DESCRIBE `public.orders`;").Result!.Rows.Count);

        // A column without a SQL type: an error at the table's name, in a query and in DESCRIBE.
        var odd = Assert.Throws<SqlException>(() => Run(session, "SELECT *\nFROM   odd;"));
        Assert.Equal((2, 8), (odd.Line, odd.Column));
        Assert.Contains("'p'", odd.Message, StringComparison.Ordinal);
        Assert.Contains("'point'", odd.Message, StringComparison.Ordinal);
        var describeOdd = Assert.Throws<SqlException>(() => Run(session, "DESCRIBE odd;"));
        Assert.Equal((1, 10), (describeOdd.Line, describeOdd.Column));

        // A database the server does not have: the table is not found (one request, refused by the server).
        var missing = Assert.Throws<SqlException>(() => Run(session, "SELECT * FROM pg.no_such_db.orders;"));
        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);

        // A template database is not one of the catalog's databases (SHOW DATABASES leaves it out): its tables are not found.
        var template = _server.CreateDatabase("catalogtemplate");
        _server.Execute(template, "CREATE TABLE kept (x int)");
        _server.Execute("postgres", $"ALTER DATABASE {template} IS_TEMPLATE true");
        Assert.DoesNotContain(template, Column(Run(session, "SHOW DATABASES IN pg;")));
        var inTemplate = Assert.Throws<SqlException>(() => Run(session, $"SELECT * FROM pg.{template}.kept;"));
        Assert.Contains("not found", inTemplate.Message, StringComparison.Ordinal);

        // Tables created on the server later are seen at once.
        _server.Execute(_db, "CREATE TABLE later (x int)");
        Assert.Contains("public.later", Column(Run(session, "SHOW TABLES;")));
    }

    [Fact]
    public async Task CatalogTables_AreReadAndWritten_ThroughTheJdbcConnector()
    {
        _server.Execute(_db, """
            CREATE TABLE src (id bigint PRIMARY KEY, name text NOT NULL, price numeric(8,2));
            INSERT INTO src SELECT g, 'item' || g, g * 1.5 FROM generate_series(1, 40) g;
            CREATE TABLE dst (id bigint PRIMARY KEY, name text, price numeric(8,2));
            INSERT INTO dst VALUES (7, 'stale', 0);
            """);
        var session = Session();
        var insert = Run(session, CreateCatalog() + $"""
            INSERT INTO pg.{_db}.dst SELECT id, UPPER(name), price * 2 FROM pg.{_db}.`public.src` WHERE id % 4 = 3;
            """);
        await using (var job = insert.Job!)
        {
            var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        }

        // Ten rows with id % 4 = 3; the primary key makes the sink upsert, so row 7 is replaced.
        Assert.Equal(["10|ITEM7|21.00|ITEM39|117.00"],
            _server.Query(_db, "SELECT count(*), (SELECT name FROM dst WHERE id = 7), (SELECT price FROM dst WHERE id = 7), " +
                "(SELECT name FROM dst WHERE id = 39), (SELECT price FROM dst WHERE id = 39) FROM dst"));
    }

    [Fact]
    public void Catalog_IsReadOnly_ButTakesTheSessionsTemporaryObjects()
    {
        _server.Execute(_db, "CREATE TABLE orders (id bigint PRIMARY KEY, amount int)");
        var session = Session();
        Run(session, CreateCatalog());
        Run(session, "USE CATALOG pg;");

        var create = Assert.Throws<SqlException>(() => Run(session, "CREATE TABLE t2 (x INT) WITH ('connector' = 'blackhole');"));
        Assert.Equal(SqlErrorCode.NotSupported, create.Code);
        Assert.Equal((1, 14), (create.Span.Line, create.Span.Column));
        Assert.Contains("read-only", create.Message, StringComparison.Ordinal);

        Assert.Throws<SqlException>(() => Run(session, "DROP TABLE `public.orders`;"));
        Assert.Throws<SqlException>(() => Run(session, "ALTER TABLE orders SET ('sink.max-retries' = '5');"));
        Assert.Throws<SqlException>(() => Run(session, "CREATE DATABASE pg.other;"));
        Assert.Throws<SqlException>(() => Run(session, $"DROP DATABASE pg.{_db};"));
        Assert.Throws<SqlException>(() => Run(session, "CREATE VIEW v AS SELECT id FROM orders;"));
        Assert.Throws<SqlException>(() => Run(session, "ALTER CATALOG pg SET ('username' = 'x');"));
        Assert.Equal(["public.orders"], Column(Run(session, "SHOW TABLES;")));

        // Temporary objects live in the session: they may be created, used, and dropped in the catalog.
        Run(session, "CREATE TEMPORARY VIEW big AS SELECT id FROM orders WHERE amount > 10;");
        Run(session, "CREATE TEMPORARY TABLE scratch (x INT) WITH ('connector' = 'blackhole');");
        Assert.Equal(["big", "public.orders", "scratch"], Column(Run(session, "SHOW TABLES;")));
        Run(session, "DROP TEMPORARY TABLE scratch;");
        Run(session, "DROP TEMPORARY VIEW big;");
        Assert.Equal(["public.orders"], Column(Run(session, "SHOW TABLES;")));

        // A temporary table left in the catalog goes with it when the catalog is dropped.
        Run(session, "CREATE TEMPORARY TABLE kept (x INT) WITH ('connector' = 'blackhole');");
        Run(session, "USE CATALOG default_catalog;");
        Run(session, "DROP CATALOG pg;");
        Assert.DoesNotContain("pg", Column(Run(session, "SHOW CATALOGS;")));
        Run(session, CreateCatalog());
        Assert.Equal(["public.orders"], Column(Run(session, $"SHOW TABLES FROM pg.{_db};")));
    }

    [Fact]
    public void CreateCatalog_WithWrongOptions_IsAPositionedError()
    {
        var session = Session();
        var url = $"jdbc:postgresql://127.0.0.1:{_server.Port}";

        var missing = Assert.Throws<SqlException>(() => Run(session, $"CREATE CATALOG pg WITH ('type' = 'jdbc', 'base-url' = '{url}', 'default-database' = '{_db}');"));
        Assert.Contains("'username'", missing.Message, StringComparison.Ordinal);

        var withDatabase = Assert.Throws<SqlException>(() => Run(session,
            $"CREATE CATALOG pg WITH ('type' = 'jdbc', 'base-url' = '{url}/{_db}', 'default-database' = '{_db}', 'username' = 'postgres');"));
        Assert.Equal(42, withDatabase.Span.Column);
        Assert.Contains("must not name a database", withDatabase.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<SqlException>(() => Run(session,
            $"CREATE CATALOG pg WITH ('type' = 'jdbc', 'base-url' = '{url}', 'default-database' = '{_db}', 'username' = 'postgres', 'schema' = 'x');"));
        Assert.Contains("Unsupported option 'schema'", unknown.Message, StringComparison.Ordinal);

        var noDatabase = Assert.Throws<SqlException>(() => Run(session,
            $"CREATE CATALOG pg WITH ('type' = 'jdbc', 'base-url' = '{url}', 'default-database' = 'no_such_db', 'username' = 'postgres');"));
        Assert.Contains("no such database", noDatabase.Message, StringComparison.Ordinal);

        var type = Assert.Throws<SqlException>(() => Run(session, "CREATE CATALOG h WITH ('type' = 'hive');"));
        Assert.Contains("'generic_in_memory', 'jdbc'", type.Message, StringComparison.Ordinal);

        Assert.DoesNotContain("pg", Column(Run(session, "SHOW CATALOGS;")));
    }
}
