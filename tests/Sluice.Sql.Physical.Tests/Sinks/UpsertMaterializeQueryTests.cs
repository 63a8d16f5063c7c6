using Sluice.Core.Errors;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing.Sinks;

namespace Sluice.Sql.Physical.Tests.Sinks;

/// <summary>
/// <c>table.exec.sink.upsert-materialize</c> end to end: a query whose upsert key is not the sink's primary key writes
/// into an upsert sink, and the sink's final table equals the query's final result.
/// </summary>
public sealed class UpsertMaterializeQueryTests : IDisposable
{
    // Accounts change their e-mail; the sink indexes accounts by e-mail. In order:
    //   1 gets a@x; 2 gets b@x; 1 moves to c@x; 2 moves to a@x; 3 gets d@x; 3 moves to b@x; 1 is deleted.
    // Final accounts: 2 → a@x, 3 → b@x; so the index is a@x → 2, b@x → 3. Dropping the -U rows would never remove
    // d@x: the update of 3 would reach the sink only as +U[b@x, 3]; without a materializer (NONE) the -U rows reach the
    // sink as deletes, as in Flink.
    private const string Changes = """
        {"before":null,"after":{"id":1,"email":"a@x"},"op":"c"}
        {"before":null,"after":{"id":2,"email":"b@x"},"op":"c"}
        {"before":{"id":1,"email":"a@x"},"after":{"id":1,"email":"c@x"},"op":"u"}
        {"before":{"id":2,"email":"b@x"},"after":{"id":2,"email":"a@x"},"op":"u"}
        {"before":null,"after":{"id":3,"email":"d@x"},"op":"c"}
        {"before":{"id":3,"email":"d@x"},"after":{"id":3,"email":"b@x"},"op":"u"}
        {"before":{"id":1,"email":"c@x"},"after":null,"op":"d"}
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sluice-upsert-materialize-" + Guid.NewGuid().ToString("N"));

    public UpsertMaterializeQueryTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "accounts.json"), Changes + "\n");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1, "SELECT email, id FROM Accounts")]
    [InlineData(4, "SELECT email, id FROM Accounts")]
    [InlineData(1, "SELECT email, id FROM Accounts GROUP BY email, id")]
    [InlineData(4, "SELECT email, id FROM Accounts GROUP BY email, id")]
    [InlineData(4, "SELECT email, MAX(id) FROM Accounts GROUP BY email, id")]
    public async Task Upsert_sink_keyed_by_another_column_ends_with_the_query_result(int parallelism, string query)
    {
        var changes = await RunAsync(query, parallelism, mode: null);

        Assert.Equal(["[a@x, 2]", "[b@x, 3]"], SinkUpsertMaterializeOperatorTests.Upserted(changes));
    }

    [Theory]
    [InlineData("AUTO")]
    [InlineData("FORCE")]
    public async Task Nested_columns_are_materialized_like_the_others(string mode)
    {
        var changes = await RunAsync(
            "SELECT email, id, ARRAY[id, id * 10], MAP[email, ROW(id, email)] FROM Accounts", 4, mode, sink: "NestedIndex");

        Assert.DoesNotContain(changes, line => line.StartsWith("-U", StringComparison.Ordinal));
        Assert.Equal(["[a@x, 2, [2, 20], {a@x=(2, a@x)}]", "[b@x, 3, [3, 30], {b@x=(3, b@x)}]"], SinkUpsertMaterializeOperatorTests.Upserted(changes));
    }

    [Fact]
    public async Task Without_materialization_update_before_reaches_the_sink_as_a_delete()
    {
        // One upstream subtask keeps the changes in order, so the deletes leave the query's result; with several, the
        // changes of one e-mail could arrive out of order (what the materializer is for).
        var changes = await RunAsync("SELECT email, id FROM Accounts", 1, mode: "NONE");

        Assert.Contains("-D[d@x, 3]", changes);
        Assert.Equal(["[a@x, 2]", "[b@x, 3]"], SinkUpsertMaterializeOperatorTests.Upserted(changes));
    }

    [Theory]
    [InlineData("AUTO")]
    [InlineData("FORCE")]
    public async Task Materialized_changes_reach_the_sink_without_update_before(string mode)
    {
        var changes = await RunAsync("SELECT email, id FROM Accounts", 4, mode);

        Assert.DoesNotContain(changes, line => line.StartsWith("-U", StringComparison.Ordinal));
        Assert.Equal(["[a@x, 2]", "[b@x, 3]"], SinkUpsertMaterializeOperatorTests.Upserted(changes));
    }

    [Theory]
    [InlineData("SELECT email, id FROM Accounts", null, true)]
    [InlineData("SELECT email, id FROM Accounts", "NONE", false)]
    [InlineData("SELECT email, CAST(COUNT(*) AS INT) FROM Accounts GROUP BY email", null, false)]
    [InlineData("SELECT email, CAST(COUNT(*) AS INT) FROM Accounts GROUP BY email", "FORCE", true)]
    [InlineData("SELECT email, id FROM (VALUES ('a@x', 1)) AS v(email, id)", "FORCE", false)]
    public void Explain_shows_the_materializer_only_where_it_is_planned(string query, string? mode, bool materialized)
    {
        var session = NewSession(1, mode, new CollectStore<string>());
        var results = SqlSession.ParseScript(Tables() + $"EXPLAIN INSERT INTO EmailIndex {query};").Select(session.Execute).ToList();
        var plan = (string)results[^1].Result!.Rows[0][0]!;

        Assert.Equal(materialized, plan.Contains("upsertMaterialize=[true]", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_mode_is_rejected_by_set()
    {
        var session = NewSession(1, null, new CollectStore<string>());
        var error = Assert.ThrowsAny<SluiceException>(
            () => session.Execute(SqlSession.ParseScript("SET 'table.exec.sink.upsert-materialize' = 'ALWAYS';")[0]));
        Assert.Contains("AUTO, NONE or FORCE", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> RunAsync(string query, int parallelism, string? mode, string sink = "EmailIndex")
    {
        var store = new CollectStore<string>();
        var configuration = new Dictionary<string, string>();
        if (mode is not null)
        {
            configuration["table.exec.sink.upsert-materialize"] = mode;
        }

        await SqlScriptRunner.RunAsync(Tables() + $"INSERT INTO {sink} {query};", parallelism: parallelism, configuration: configuration,
            registry: SqlScriptRunner.Registry().Add(new UpsertCollectTableFactory(store)));
        return [.. store.Committed];
    }

    private SqlSession NewSession(int parallelism, string? mode, CollectStore<string> store)
    {
        var configuration = new Dictionary<string, string>();
        if (mode is not null)
        {
            configuration["table.exec.sink.upsert-materialize"] = mode;
        }

        return new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry().Add(new UpsertCollectTableFactory(store)))
        {
            Parallelism = parallelism,
            Configuration = configuration,
        });
    }

    private string Tables() => $"""
        CREATE TABLE Accounts (id INT, email STRING, PRIMARY KEY (id) NOT ENFORCED)
          WITH ('connector' = 'filesystem', 'path' = '{Path.Combine(_directory, "accounts.json")}', 'format' = 'debezium-json');
        CREATE TABLE EmailIndex (email STRING, id INT, PRIMARY KEY (email) NOT ENFORCED) WITH ('connector' = 'upsert-collect');
        CREATE TABLE NestedIndex (email STRING, id INT, ids ARRAY<INT>, owner MAP<STRING, ROW<id INT, email STRING>>,
          PRIMARY KEY (email) NOT ENFORCED) WITH ('connector' = 'upsert-collect');

        """;
}
