namespace Sluice.Cli.Tests.FlinkDocs;

/// <summary>
/// Statements of Flink's statement and connector pages that Sluice rejects, as Flink does or because it cannot do what
/// they ask yet: each fails the script with an error naming what is not possible, never running as something else.
/// </summary>
public sealed class FlinkDocsStatementErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flinkdocs-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(
        "CREATE TABLE p (id INT) WITH ('connector' = 'print'); INSERT OVERWRITE p VALUES (1);",
        "INSERT OVERWRITE into table 'default_catalog.default_database.p': the connector 'print' cannot overwrite")]
    [InlineData(
        "CREATE TABLE t (id INT, dt STRING) PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv', " +
        "'sink.partition-commit.policy.kind' = 'metastore'); INSERT INTO t PARTITION (dt = '2024-01-01') VALUES (1);",
        "the 'metastore' policy updates a Hive metastore and is only for Hive tables")]
    [InlineData(
        "CREATE TABLE t (id, name) WITH ('connector' = 'blackhole');",
        "Column 'id' has no type: a column without a type is allowed only in CREATE TABLE ... AS SELECT")]
    [InlineData(
        // Flink's joins page, "Temporal Table Function Join": Rates exists only when created through Flink's Table API.
        "CREATE TABLE Orders (o_amount INT, o_currency STRING, o_proctime AS PROCTIME()) WITH ('connector' = 'datagen', 'number-of-rows' = '1'); " +
        "SELECT o_amount, r_rate FROM Orders, LATERAL TABLE (Rates(o_proctime)) WHERE r_currency = o_currency;",
        "Function 'Rates' not found. A temporal table function is created only through Flink's Table API (createTemporalTableFunction), which Sluice does not have")]
    public async Task Statement_FailsNamingWhatIsNotSupported(string script, string message)
    {
        var path = Path.Combine(_folder, "case.sql");
        await File.WriteAllTextAsync(path, script);

        var run = await CliRun.RunAsync(_folder, null, "run", path);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")) && Directory.EnumerateFiles(Path.Combine(_folder, "out")).Any(), run.ToString());
    }
}
