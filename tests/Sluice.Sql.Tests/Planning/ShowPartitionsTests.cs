using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Tests.Binding;

namespace Sluice.Sql.Tests.Planning;

/// <summary><c>SHOW PARTITIONS</c>: parsing with and without a partition spec, listing a filesystem table's partition folders, and its errors.</summary>
public sealed class ShowPartitionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sluice-show-partitions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parse_ShowPartitions_WithASpec_KeepsTheTableAndValues()
    {
        var show = Assert.IsType<ShowStatement>(SqlParser.ParseStatement("SHOW PARTITIONS db.t PARTITION (dt = '2024-01-01', h = 10)"));

        Assert.Equal(ShowKind.Partitions, show.Kind);
        Assert.Equal("db.t", string.Join('.', show.Target!.Parts.Select(p => p.Value)));
        Assert.Equal(["dt", "h"], show.Partition.Select(p => p.Column.Value));
    }

    [Fact]
    public void ShowPartitions_ListsThePartitionFolders_SortedAndFilteredBySpec_HiddenSkipped()
    {
        foreach (var folder in new[] { "dt=2024-01-02/h=1", "dt=2024-01-01/h=2", "dt=2024-01-01/h=1", "dt=a%2Fb/h=1", "_tmp/h=1", "dt=2024-01-03/.h=1" })
        {
            Directory.CreateDirectory(Path.Combine(_folder, folder));
        }

        var catalog = Catalog();

        Assert.Equal(["dt=2024-01-01/h=1", "dt=2024-01-01/h=2", "dt=2024-01-02/h=1", "dt=a%2Fb/h=1"], Rows(catalog, "SHOW PARTITIONS fs"));
        Assert.Equal(["dt=2024-01-01/h=1", "dt=2024-01-01/h=2"], Rows(catalog, "SHOW PARTITIONS fs PARTITION (dt = '2024-01-01')"));
        Assert.Equal(["dt=2024-01-01/h=2"], Rows(catalog, "SHOW PARTITIONS fs PARTITION (dt = '2024-01-01', h = 2)"));
        Assert.Equal(["dt=a%2Fb/h=1"], Rows(catalog, "SHOW PARTITIONS fs PARTITION (dt = 'a/b')"));
        Assert.Equal("partition name", Planner.Execute(SqlParser.ParseStatement("SHOW PARTITIONS fs"), catalog).ColumnNames.Single());
    }

    [Fact]
    public void ShowPartitions_OfARelativePath_MissingInTheCurrentDirectory_LooksInTheScriptsDirectory_AsTheSource()
    {
        var relative = "sluice-show-partitions-relative-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.Combine(_folder, relative, "dt=2024-01-01", "h=1"));
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, $"CREATE TABLE rel (v STRING, dt STRING, h INT) PARTITIONED BY (dt, h) WITH ('connector' = 'filesystem', 'path' = '{relative}', 'format' = 'csv');");
        var show = SqlParser.ParseStatement("SHOW PARTITIONS rel");

        Assert.Empty(Planner.Execute(show, catalog).Rows);
        Assert.Equal(["dt=2024-01-01/h=1"], Planner.Execute(show, catalog, scriptDirectory: _folder).Rows.Select(r => (string)r[0]!));
    }

    [Theory]
    [InlineData("SHOW PARTITIONS plain", "Table 'plain' is not partitioned")]
    [InlineData("SHOW PARTITIONS fs PARTITION (x = '1')", "Column 'x' is not a partition column of table 'fs'")]
    [InlineData("SHOW PARTITIONS missing", "missing")]
    [InlineData("SHOW PARTITIONS printed", "'filesystem' tables")]
    public void ShowPartitions_Errors_SayWhatIsWrong(string sql, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => Rows(Catalog(), sql));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ALTER TABLE fs ADD PARTITION (dt = '2024-01-01', h = 1)", "ADD PARTITION")]
    [InlineData("ALTER TABLE fs ADD IF NOT EXISTS PARTITION (dt = '2024-01-01', h = 1)", "ADD PARTITION")]
    [InlineData("ALTER TABLE fs DROP PARTITION (dt = '2024-01-01', h = 1)", "DROP PARTITION")]
    [InlineData("ALTER TABLE fs DROP IF EXISTS PARTITION (dt = '2024-01-01', h = 1)", "DROP PARTITION")]
    public void AlterTable_AddOrDropPartition_IsNotSupported_WithAReason(string sql, string what)
    {
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseStatement(sql));

        Assert.Equal(SqlErrorCode.NotSupported, error.Code);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains("SHOW PARTITIONS", error.Message, StringComparison.Ordinal);
    }

    private InMemoryCatalog Catalog()
    {
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, $"""
            CREATE TABLE fs (v STRING, dt STRING, h INT) PARTITIONED BY (dt, h) WITH ('connector' = 'filesystem', 'path' = '{_folder.Replace('\\', '/')}', 'format' = 'csv');
            CREATE TABLE plain (v STRING) WITH ('connector' = 'filesystem', 'path' = '{_folder.Replace('\\', '/')}', 'format' = 'csv');
            CREATE TABLE printed (v STRING, dt STRING) PARTITIONED BY (dt) WITH ('connector' = 'print');
            """);
        return catalog;
    }

    private static List<string> Rows(InMemoryCatalog catalog, string sql) =>
        [.. Planner.Execute(SqlParser.ParseStatement(sql), catalog).Rows.Select(r => (string)r[0]!)];
}
