using Sluice.Sql.Physical.Session;

namespace Sluice.Sql.Physical.Tests.EndToEnd;

public sealed class SessionStatementTests
{
    private static SqlSession NewSession() => new(new SqlSessionOptions(SqlScriptRunner.Registry()) { CollectInserts = true });

    private static Sluice.Sql.Planning.StatementResult Run(SqlSession session, string sql) =>
        SqlSession.ParseScript(sql).Select(session.Execute).ToList()[^1].Result!;

    [Fact]
    public void Set_shows_and_reset_removes_configuration()
    {
        var session = NewSession();
        Run(session, "SET 'table.local-time-zone' = 'Europe/Berlin'; SET 'pipeline.name' = 'report';");
        var shown = Run(session, "SET;");
        Assert.Equal(["pipeline.name", "report"], shown.Rows[0]);
        Assert.Equal(["table.local-time-zone", "Europe/Berlin"], shown.Rows[1]);
        Run(session, "RESET 'pipeline.name';");
        Assert.False(session.Configuration.ContainsKey("pipeline.name"));
    }

    [Fact]
    public void Invalid_configuration_values_are_rejected_with_the_key()
    {
        var session = NewSession();
        var error = Assert.ThrowsAny<Core.Errors.SluiceException>(() => Run(session, "SET 'parallelism.default' = 'many';"));
        Assert.Contains("parallelism.default", error.Message, StringComparison.Ordinal);
        error = Assert.ThrowsAny<Core.Errors.SluiceException>(() => Run(session, "SET 'table.local-time-zone' = 'Mars/Olympus';"));
        Assert.Contains("table.local-time-zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_changelog_modes_of_the_physical_plan()
    {
        var session = NewSession();
        var result = Run(session, """
            CREATE TABLE T (k STRING, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
            EXPLAIN SELECT k, SUM(v) FROM T GROUP BY k;
            """);
        var plan = (string)result.Rows[0][0]!;
        Assert.Contains("== Optimized Physical Plan ==", plan, StringComparison.Ordinal);
        Assert.Contains("Aggregate(group=[k]", plan, StringComparison.Ordinal);
        Assert.Contains("changelogMode=[I,UB,UA,D]", plan, StringComparison.Ordinal);
        Assert.Contains("changelogMode=[I]", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tables_of_other_catalogs_and_databases_are_read_by_their_qualified_and_current_names()
    {
        var session = NewSession();
        Assert.False(Run(session, "USE CATALOG default_catalog;").HasRows);
        var error = Assert.Throws<SqlException>(() => Run(session, "USE other_db;"));
        Assert.Contains("Database 'other_db' does not exist in catalog 'default_catalog'", error.Message, StringComparison.Ordinal);

        const string script = """
            CREATE CATALOG c1 WITH ('type' = 'generic_in_memory', 'default-database' = 'sales');
            CREATE DATABASE c1.archive;
            CREATE TABLE c1.archive.T (k INT) WITH ('connector' = 'datagen', 'number-of-rows' = '4',
                'fields.k.kind' = 'sequence', 'fields.k.start' = '1', 'fields.k.end' = '4');
            USE CATALOG c1;
            USE archive;
            CREATE VIEW Big AS SELECT k FROM T WHERE k > 2;
            USE CATALOG default_catalog;
            SELECT v.k, t.k FROM c1.archive.Big AS v JOIN c1.archive.T AS t ON v.k = t.k;
            """;
        var result = await SqlScriptRunner.RunAsync(script);
        Assert.Equal(["[3, 3]", "[4, 4]"], result.Final);
    }

    [Fact]
    public void Catalog_statements_of_Flink_2_alter_show_and_describe_catalogs_and_databases()
    {
        var session = NewSession();
        Run(session, """
            CREATE CATALOG c1 COMMENT 'first' WITH ('type' = 'generic_in_memory');
            ALTER CATALOG c1 SET ('default-database' = 'sales');
            CREATE DATABASE c1.db2 COMMENT 'db2_comment' WITH ('k1' = 'v1');
            ALTER DATABASE c1.db2 SET ('k1' = 'a');
            USE CATALOG c1;
            """);

        Assert.Equal("sales", (string)Run(session, "SHOW CURRENT DATABASE;").Rows[0][0]!);
        Assert.Equal("CREATE CATALOG `c1`\nCOMMENT 'first'\nWITH (\n  'default-database' = 'sales',\n  'type' = 'generic_in_memory'\n)\n",
            (string)Run(session, "SHOW CREATE CATALOG c1;").Rows[0][0]!);
        Assert.Equal(["option:default-database", "sales"], Run(session, "DESCRIBE CATALOG EXTENDED c1;").Rows[3]);
    }

    [Fact]
    public void Show_partitions_finds_a_relative_path_in_the_scripts_directory_as_the_source_does()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-show-partitions-").FullName;
        try
        {
            var relative = "events-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(Path.Combine(directory, relative, "dt=2024-01-01"));
            var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()) { ScriptDirectory = directory });
            var result = Run(session, $"""
                CREATE TABLE events (id INT, dt STRING) PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = '{relative}', 'format' = 'csv');
                SHOW PARTITIONS events;
                """);

            Assert.Equal(["dt=2024-01-01"], result.Rows.Select(r => (string)r[0]!));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Create_table_as_select_creates_and_fills_the_table()
    {
        var output = Directory.CreateTempSubdirectory("sluice-ctas-").FullName;
        try
        {
            await SqlScriptRunner.RunAsync($"""
                CREATE TABLE Copy WITH ('connector' = 'filesystem', 'path' = '{output}', 'format' = 'csv')
                AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(id, name);
                """);
            var lines = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .SelectMany(File.ReadAllLines).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["1,a", "2,b"], lines);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Unsupported_constructs_are_named_in_the_error()
    {
        var error = await Assert.ThrowsAnyAsync<Core.Errors.SluiceException>(() => SqlScriptRunner.RunAsync("""
            CREATE TABLE T (k STRING, v INT) WITH ('connector' = 'datagen');
            SELECT k, v FROM T ORDER BY v;
            """));
        Assert.Contains("ORDER BY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_in_the_same_checkpoint_directory_numbers_its_checkpoints_after_the_first()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-rerun-").FullName;
        try
        {
            for (var run = 0; run < 2; run++)
            {
                var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()) { CheckpointDirectory = directory });
                session.Execute(SqlSession.ParseScript(
                    "CREATE TABLE Out (x INT) WITH ('connector' = 'blackhole');")[0]);
                var outcome = session.Execute(SqlSession.ParseScript("INSERT INTO Out SELECT * FROM (VALUES (1), (2)) AS t(x);")[0]);
                await using var job = outcome.Job!;
                var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(2));
                Assert.Equal(Runtime.Execution.JobStatus.Finished, result.Status);
            }

            Assert.Equal(2, Directory.GetDirectories(directory, "chk-*").Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_final_checkpoint_whose_location_cannot_be_prepared_fails_the_job_instead_of_hanging()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-blocked-").FullName;
        try
        {
            // A file where the first checkpoint folder would go: preparing checkpoint 1 fails, the job must not hang.
            File.WriteAllText(Path.Combine(directory, "chk-1"), "in the way");
            var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()) { CheckpointDirectory = directory });
            session.Execute(SqlSession.ParseScript("CREATE TABLE Out (x INT) WITH ('connector' = 'blackhole');")[0]);
            var outcome = session.Execute(SqlSession.ParseScript("INSERT INTO Out SELECT * FROM (VALUES (1)) AS t(x);")[0]);
            await using var job = outcome.Job!;
            var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(2));

            // No checkpoint failure is tolerated by default: the job fails with the cause (it used to wait forever).
            Assert.Equal(Runtime.Execution.JobStatus.Failed, result.Status);
            Assert.Contains("Could not prepare checkpoint 1", result.Failure!.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
