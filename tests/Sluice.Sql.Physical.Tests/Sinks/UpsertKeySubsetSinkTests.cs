using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing.Sinks;

namespace Sluice.Sql.Physical.Tests.Sinks;

/// <summary>
/// An updating query whose upsert key is a strict subset of the upsert sink's primary key, as Flink plans it: no upsert
/// materializer (the primary key contains the upsert key, so every change of a sink row comes from one upstream key, in
/// order), and the <c>-U</c> rows reach the sink as deletes, since the <c>+U</c> that follows may be another sink row.
/// </summary>
public sealed class UpsertKeySubsetSinkTests : IDisposable
{
    // The accounts of UpsertMaterializeQueryTests: 1 gets a@x; 2 gets b@x; 1 moves to c@x; 2 moves to a@x; 3 gets d@x;
    // 3 moves to b@x; 1 is deleted. The query's upsert key is id; the sink's primary key is (email, id). Final rows:
    // (a@x, 2) and (b@x, 3). Each move is -U(old email, id) +U(new email, id): two different sink rows, so an upsert
    // sink that dropped the -U would keep (a@x, 1), (b@x, 2) and (d@x, 3) as well.
    private const string Changes = """
        {"before":null,"after":{"id":1,"email":"a@x"},"op":"c"}
        {"before":null,"after":{"id":2,"email":"b@x"},"op":"c"}
        {"before":{"id":1,"email":"a@x"},"after":{"id":1,"email":"c@x"},"op":"u"}
        {"before":{"id":2,"email":"b@x"},"after":{"id":2,"email":"a@x"},"op":"u"}
        {"before":null,"after":{"id":3,"email":"d@x"},"op":"c"}
        {"before":{"id":3,"email":"d@x"},"after":{"id":3,"email":"b@x"},"op":"u"}
        {"before":{"id":1,"email":"c@x"},"after":null,"op":"d"}
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sluice-upsert-subset-" + Guid.NewGuid().ToString("N"));

    public UpsertKeySubsetSinkTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "accounts.json"), Changes + "\n");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(null, false)]
    [InlineData("NONE", false)]
    [InlineData("FORCE", true)]
    public void Explain_has_no_materializer_when_the_primary_key_contains_the_upsert_key(string? mode, bool materialized)
    {
        Assert.Equal(materialized, Explain("INSERT INTO ByEmailAndId SELECT email, id FROM Accounts;", mode).Contains("upsertMaterialize=[true]", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_keeps_the_materializer_when_the_upsert_key_has_a_column_outside_the_primary_key()
    {
        // The upsert key (id) is not in the primary key (email): Flink's AUTO materializes.
        Assert.Contains("upsertMaterialize=[true]", Explain("INSERT INTO ByEmail SELECT email, id FROM Accounts;", null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(1, "NONE")]
    [InlineData(4, "NONE")]
    public async Task Update_before_reaches_the_sink_as_a_delete_and_no_stale_row_stays(int parallelism, string? mode)
    {
        var changes = await RunAsync("INSERT INTO ByEmailAndId SELECT email, id FROM Accounts;", parallelism, mode);

        Assert.DoesNotContain(changes, line => line.StartsWith("-U", StringComparison.Ordinal));
        Assert.Contains("-D[d@x, 3]", changes);
        Assert.Equal(["[a@x, 2]", "[b@x, 3]"], RowsKeyedByEveryColumn(changes));
    }

    [Fact]
    public async Task Upsert_key_equal_to_the_primary_key_drops_update_before()
    {
        // GROUP BY email: the upsert key is the primary key, so a +U replaces its key's row and -U is not needed (Flink
        // asks such a query for UPDATE_AFTER only). Counts per email: a@x 1 (2), b@x 1 (3); c@x and d@x end deleted.
        var changes = await RunAsync("INSERT INTO ByEmail SELECT email, CAST(COUNT(*) AS INT) FROM Accounts GROUP BY email;", 1, null);

        Assert.DoesNotContain(changes, line => line.StartsWith("-U", StringComparison.Ordinal));
        Assert.Equal(["[a@x, 1]", "[b@x, 1]"], SinkUpsertMaterializeOperatorTests.Upserted(changes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Global_aggregate_has_the_empty_upsert_key_and_no_materializer(int parallelism)
    {
        // A global aggregate is one row at a time: its upsert key is empty, which every primary key contains, so Flink's
        // AUTO adds no materializer; the count moves 1, 2, 3, 2 and each -U reaches the sink as the old row's delete.
        Assert.DoesNotContain("upsertMaterialize=[true]", Explain("INSERT INTO Counts SELECT COUNT(*) FROM Accounts;", null), StringComparison.Ordinal);

        var changes = await RunAsync("INSERT INTO Counts SELECT COUNT(*) FROM Accounts;", parallelism, null);

        Assert.DoesNotContain(changes, line => line.StartsWith("-U", StringComparison.Ordinal));
        Assert.Equal(["[2]"], RowsKeyedByEveryColumn(changes));
    }

    /// <summary>The sink table of an upsert changelog whose primary key is every column: +I/+U add the row, -D removes it.</summary>
    private static List<string> RowsKeyedByEveryColumn(IEnumerable<string> changelog)
    {
        var table = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in changelog)
        {
            if (line.StartsWith("-D", StringComparison.Ordinal))
            {
                table.Remove(line[2..]);
            }
            else
            {
                table.Add(line[2..]);
            }
        }

        return [.. table];
    }

    private async Task<List<string>> RunAsync(string insert, int parallelism, string? mode)
    {
        var store = new CollectStore<string>();
        await SqlScriptRunner.RunAsync(Tables() + insert, parallelism: parallelism, configuration: Configuration(mode),
            registry: SqlScriptRunner.Registry().Add(new UpsertCollectTableFactory(store)));
        return [.. store.Committed];
    }

    private string Explain(string insert, string? mode)
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry().Add(new UpsertCollectTableFactory(new CollectStore<string>())))
        {
            Configuration = Configuration(mode),
        });
        var results = SqlSession.ParseScript(Tables() + "EXPLAIN " + insert).Select(session.Execute).ToList();
        return (string)results[^1].Result!.Rows[0][0]!;
    }

    private static Dictionary<string, string> Configuration(string? mode) =>
        mode is null ? [] : new Dictionary<string, string> { ["table.exec.sink.upsert-materialize"] = mode };

    private string Tables() => $"""
        CREATE TABLE Accounts (id INT, email STRING, PRIMARY KEY (id) NOT ENFORCED)
          WITH ('connector' = 'filesystem', 'path' = '{Path.Combine(_directory, "accounts.json")}', 'format' = 'debezium-json');
        CREATE TABLE ByEmailAndId (email STRING, id INT, PRIMARY KEY (email, id) NOT ENFORCED) WITH ('connector' = 'upsert-collect');
        CREATE TABLE ByEmail (email STRING, id INT, PRIMARY KEY (email) NOT ENFORCED) WITH ('connector' = 'upsert-collect');
        CREATE TABLE Counts (n BIGINT NOT NULL, PRIMARY KEY (n) NOT ENFORCED) WITH ('connector' = 'upsert-collect');

        """;
}
