namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>
/// Partition pruning: the conditions of a query on the partition columns of a partitioned <c>filesystem</c> table reach
/// the source, which does not read the partitions they reject (a pruned partition holding a file that is not csv of the
/// table would fail the query if it were read); other conditions stay filters; EXPLAIN shows what was pushed.
/// </summary>
public sealed class PartitionPruningTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sluice-pruning-").FullName;

    public PartitionPruningTests()
    {
        Write("dt=2024-01-01/h=1/part-0", "1,a\n2,b\n");
        Write("dt=2024-01-01/h=2/part-0", "3,c\n");
        Write("dt=2024-01-02/h=1/part-0", "this,is,not,a,row,of,the,table\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Table => $"""
        CREATE TABLE logs (id BIGINT, name STRING, dt STRING, h INT) PARTITIONED BY (dt, h)
          WITH ('connector' = 'filesystem', 'path' = '{_folder.Replace('\\', '/')}', 'format' = 'csv');
        """;

    [Fact]
    public async Task A_condition_on_partition_columns_prunes_the_partitions_it_rejects()
    {
        var result = await SqlScriptRunner.RunAsync(Table + "SELECT id, name, h FROM logs WHERE dt = '2024-01-01' AND id > 1;");

        Assert.Equal(["[2, b, 1]", "[3, c, 2]"], result.Final.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_a_partition_condition_every_partition_is_read()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SqlScriptRunner.RunAsync(Table + "SELECT id FROM logs WHERE id > 1;"));

        Assert.Contains("dt=2024-01-02", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_mixing_partition_and_data_columns_is_not_pushed_but_still_filters()
    {
        var result = await SqlScriptRunner.RunAsync(Table + "SELECT id FROM logs WHERE (dt = '2024-01-01' OR id = 3) AND h = 2;");

        Assert.Equal(["[3]"], result.Final);
    }

    [Fact]
    public async Task Conditions_through_views_subqueries_and_aggregations_still_prune()
    {
        var result = await SqlScriptRunner.RunAsync(Table + """
            CREATE VIEW named AS SELECT id, UPPER(name) AS big, dt, h FROM logs;
            SELECT h, COUNT(*) AS n, MAX(big) AS top FROM (SELECT * FROM named WHERE id > 0) WHERE dt = '2024-01-01' GROUP BY h;
            """);

        Assert.Equal(["[1, 2, B]", "[2, 1, C]"], result.Final.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_scans_of_one_table_with_different_partition_conditions_do_not_share_a_pruned_source()
    {
        // Equal scans share one source (subplan reuse); a source pruned for one side would drop the other side's rows.
        var result = await SqlScriptRunner.RunAsync(Table + """
            SELECT a.id, b.id FROM logs AS a JOIN logs AS b ON a.id + 2 = b.id
            WHERE a.dt = '2024-01-01' AND a.h = 1 AND b.dt = '2024-01-01' AND b.h = 2;
            """);

        Assert.Equal(["[1, 3]"], result.Final);
    }

    [Fact]
    public void Explain_shows_the_pushed_partition_conditions()
    {
        var session = new Session.SqlSession(new Session.SqlSessionOptions(SqlScriptRunner.Registry()));
        var results = Session.SqlSession.ParseScript(Table + "EXPLAIN SELECT id FROM logs WHERE dt = '2024-01-01' AND id > 1;").Select(session.Execute).ToList();
        var explain = (string)results[^1].Result!.Rows[0][0]!;

        Assert.Contains("partitions=[", explain, StringComparison.Ordinal);
        Assert.Contains("2024-01-01", explain[explain.IndexOf("partitions=[", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
