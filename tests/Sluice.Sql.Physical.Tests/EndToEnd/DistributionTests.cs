using Sluice.Sql.Physical.Session;

namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>
/// Flink 2's <c>DISTRIBUTED BY</c> at run time: a distributed table reads as any other; writing one needs a sink that
/// supports bucketing (Flink's <c>SupportsBucketing</c>), which no Sluice connector (nor Flink's Kafka) does.
/// </summary>
public sealed class DistributionTests
{
    [Fact]
    public async Task A_distributed_table_is_read_as_any_other()
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE TABLE T (k INT) DISTRIBUTED BY HASH(k) INTO 4 BUCKETS WITH ('connector' = 'datagen', 'number-of-rows' = '3',
                'fields.k.kind' = 'sequence', 'fields.k.start' = '1', 'fields.k.end' = '3');
            SELECT k * 10 AS k10 FROM T;
            """);
        Assert.Equal(["[10]", "[20]", "[30]"], result.Final);
    }

    [Theory]
    [InlineData("'connector' = 'blackhole'", "blackhole")]
    [InlineData("'connector' = 'print'", "print")]
    [InlineData("'connector' = 'filesystem', 'path' = 'unused-dir', 'format' = 'csv'", "filesystem")]
    public void Writing_a_distributed_table_into_a_sink_without_bucketing_fails(string options, string connector)
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()));
        var statements = SqlSession.ParseScript($"""
            CREATE TABLE Src (k INT) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
            CREATE TABLE Dst (k INT) DISTRIBUTED BY HASH(k) INTO 4 BUCKETS WITH ({options});
            INSERT INTO Dst SELECT k FROM Src;
            """);
        session.Execute(statements[0]);
        session.Execute(statements[1]);
        var error = Assert.Throws<SqlException>(() => session.Execute(statements[2]));
        Assert.Equal((3, 13), (error.Line, error.Column)); // at the target table's name
        Assert.Contains(
            $"Table 'default_catalog.default_database.Dst' is a bucketed table (DISTRIBUTED BY HASH(`k`) INTO 4 BUCKETS), but the connector '{connector}' does not support bucketing",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_DROP_DISTRIBUTION_the_table_is_written()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-distribution-").FullName;
        try
        {
            var output = Path.Combine(directory, "out");
            await SqlScriptRunner.RunAsync($"""
                CREATE TABLE Src (k INT) WITH ('connector' = 'datagen', 'number-of-rows' = '2',
                    'fields.k.kind' = 'sequence', 'fields.k.start' = '1', 'fields.k.end' = '2');
                CREATE TABLE Dst (k INT) DISTRIBUTED INTO 2 BUCKETS WITH ('connector' = 'filesystem', 'path' = '{output}', 'format' = 'csv');
                ALTER TABLE Dst DROP DISTRIBUTION;
                INSERT INTO Dst SELECT k FROM Src;
                """);
            var lines = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).StartsWith('_'))
                .SelectMany(File.ReadAllLines).Order(StringComparer.Ordinal);
            Assert.Equal(["1", "2"], lines);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
