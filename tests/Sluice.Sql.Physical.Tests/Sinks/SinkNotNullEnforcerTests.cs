using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Sinks;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using Sluice.Testing.Sinks;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Sinks;

/// <summary><c>table.exec.sink.not-null-enforcer</c>: the operator, and end to end through a session.</summary>
public sealed class SinkNotNullEnforcerTests
{
    private static readonly Schema Rows = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));

    [Fact]
    public void Error_fails_on_a_null_naming_the_table_and_column()
    {
        using var harness = new OperatorHarness(new SinkNotNullEnforcerOperator("Users", Rows, [1], drop: false));
        harness.ProcessBatch(Batch(Rows, R("+I", 1, "a")));

        var error = Assert.ThrowsAny<SluiceException>(() => harness.ProcessBatch(Batch(Rows, R("+I", 2, "b"), R("-D", 3, null))));
        Assert.Contains("Column 'name' of table 'Users' is NOT NULL", error.Message, StringComparison.Ordinal);
        Assert.Contains("'table.exec.sink.not-null-enforcer' = 'DROP'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["+I[1, a]"], Output(harness));
    }

    [Fact]
    public void Drop_leaves_out_rows_with_a_null_in_a_checked_column_only()
    {
        using var harness = new OperatorHarness(new SinkNotNullEnforcerOperator("Users", Rows, [1], drop: true));
        harness.ProcessBatch(Batch(Rows, R("+I", 1, "a"), R("+I", 2, null), R("+I", null, "c"), R("-U", 4, null)));
        harness.ProcessBatch(Batch(Rows, R("+I", 5, null)));

        Assert.Equal(["+I[1, a]", "+I[null, c]"], Output(harness));
    }

    [Fact]
    public async Task Null_into_a_not_null_column_fails_the_insert_by_default()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(null, new CollectStore<string>()));

        Assert.Contains("Column 'name' of table 'default_catalog.default_database.Users' is NOT NULL", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_into_a_not_null_column_is_dropped_with_drop()
    {
        var store = new CollectStore<string>();
        await InsertAsync("DROP", store);

        Assert.Equal(["+I[1, a]", "+I[3, c]"], store.Committed.Order(StringComparer.Ordinal));
    }

    private static async Task InsertAsync(string? mode, CollectStore<string> store)
    {
        var configuration = new Dictionary<string, string>();
        if (mode is not null)
        {
            configuration["table.exec.sink.not-null-enforcer"] = mode;
        }

        await SqlScriptRunner.RunAsync("""
            CREATE TABLE Users (id INT, name STRING NOT NULL) WITH ('connector' = 'upsert-collect');
            INSERT INTO Users SELECT id, name FROM (VALUES (1, 'a'), (2, CAST(NULL AS STRING)), (3, 'c')) AS v(id, name);
            """, configuration: configuration, registry: SqlScriptRunner.Registry().Add(new UpsertCollectTableFactory(store)));
    }

    private static string Messages(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Messages(error.InnerException);
}
