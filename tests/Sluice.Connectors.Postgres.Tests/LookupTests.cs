using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Lookup;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing;

namespace Sluice.Connectors.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LookupTests
{
    private static readonly Schema Schema = Schema.Of(new Field("region", DataTypes.String()), new Field("code", DataTypes.Int()),
        new Field("name", DataTypes.String()), new Field("rate", DataTypes.Decimal(10, 2)));

    private readonly PostgresServer _server;
    private readonly string _db;

    public LookupTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("lookup");
        server.Execute(_db, "CREATE TABLE dim (region text, code int, name text, rate numeric(10,2)); " +
            "INSERT INTO dim VALUES ('eu', 1, 'one', 1.50), ('eu', 2, 'two', 2.00), ('us', 1, 'uno', 0.25), ('us', 1, 'uno bis', 0.75)");
    }

    private PostgresLookupFunction Function(int[] keys, TimeProvider clock, params (string, string)[] options)
    {
        var source = (ILookupTableSource)TestTables.Registry().CreateSource(TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, "dim", options)));
        var function = (PostgresLookupFunction)source.CreateLookupFunction(keys);
        function.Open(clock);
        return function;
    }

    private static List<string> Lookup(ILookupFunction function, Schema keySchema, params object?[][] keys)
    {
        using var batch = TestBatches.Of(keySchema, keys);
        var result = function.Lookup(batch);
        using var rows = result.Rows;
        var text = rows.ToRowStrings();
        return [.. text.Select((row, i) => $"{result.KeyRows[i]}:{row}")];
    }

    private static readonly Schema CompositeKey = Schema.Of(new Field("region", DataTypes.String()), new Field("code", DataTypes.Int()));

    [Fact]
    public void CompositeKeys_FindEveryMatchingRow_GroupedByKeyRow()
    {
        using var function = Function([0, 1], TimeProvider.System);
        var rows = Lookup(function, CompositeKey, ["us", 1], ["xx", 9], ["eu", 2], ["us", 1]);
        Assert.Equal(["0", "0", "2", "3", "3"], rows.Select(r => r.Split(':')[0]).ToList());
        Assert.Contains(rows, r => r.StartsWith("0:", StringComparison.Ordinal) && r.Contains("uno bis", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("2:", StringComparison.Ordinal) && r.Contains("two", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.StartsWith("1:", StringComparison.Ordinal));
        Assert.Equal(1, function.QueryCount);
    }

    [Fact]
    public void ProbeKeysOfAWiderIntegerType_FindTheirRows()
    {
        using var function = Function([1], TimeProvider.System);
        var keys = Schema.Of(new Field("code", DataTypes.BigInt()));
        Assert.Equal(["0:+I[eu, 2, two, 2.00]"], Lookup(function, keys, [2L]));
    }

    [Fact]
    public void WithoutCache_EveryLookupQueries()
    {
        using var function = Function([1], TimeProvider.System);
        var keys = Schema.Of(new Field("code", DataTypes.Int()));
        Assert.Equal(3, Lookup(function, keys, [1]).Count);
        Assert.Equal(3, Lookup(function, keys, [1]).Count);
        Assert.Equal(2, function.QueryCount);
    }

    [Fact]
    public void PartialCache_ServesHitsUntilTheTtlOnTheJobClock()
    {
        var clock = new ManualTimeProvider();
        using var function = Function([0, 1], clock, ("lookup.cache", "PARTIAL"), ("lookup.partial-cache.max-rows", "100"),
            ("lookup.partial-cache.expire-after-write", "10 s"));
        Assert.Equal(["0:+I[eu, 2, two, 2.00]"], Lookup(function, CompositeKey, ["eu", 2]));
        _server.Execute(_db, "UPDATE dim SET name = 'deux' WHERE region = 'eu' AND code = 2");

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(["0:+I[eu, 2, two, 2.00]"], Lookup(function, CompositeKey, ["eu", 2]));
        Assert.Equal(1, function.QueryCount);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["0:+I[eu, 2, deux, 2.00]"], Lookup(function, CompositeKey, ["eu", 2]));
        Assert.Equal(2, function.QueryCount);
        _server.Execute(_db, "UPDATE dim SET name = 'two' WHERE region = 'eu' AND code = 2");
    }

    [Fact]
    public void MissingKeys_AreCachedOnlyWhenConfigured()
    {
        using (var caching = Function([0, 1], TimeProvider.System, ("lookup.cache.max-rows", "100"), ("lookup.cache.ttl", "1 h")))
        {
            Assert.Empty(Lookup(caching, CompositeKey, ["zz", 1]));
            Assert.Empty(Lookup(caching, CompositeKey, ["zz", 1]));
            Assert.Equal(1, caching.QueryCount);
        }

        using var notCaching = Function([0, 1], TimeProvider.System, ("lookup.cache.max-rows", "100"), ("lookup.cache.caching-missing-key", "false"));
        Assert.Empty(Lookup(notCaching, CompositeKey, ["zz", 1]));
        Assert.Empty(Lookup(notCaching, CompositeKey, ["zz", 1]));
        Assert.Equal(2, notCaching.QueryCount);
    }

    [Fact]
    public void Cache_EvictsTheLeastRecentlyUsedKey()
    {
        using var function = Function([0, 1], TimeProvider.System, ("lookup.cache", "PARTIAL"), ("lookup.partial-cache.max-rows", "2"));
        Lookup(function, CompositeKey, ["eu", 1]);
        Lookup(function, CompositeKey, ["eu", 2]);
        Lookup(function, CompositeKey, ["eu", 1]);
        Lookup(function, CompositeKey, ["us", 1]);
        Assert.Equal(3, function.QueryCount);
        Lookup(function, CompositeKey, ["eu", 1]);
        Assert.Equal(3, function.QueryCount);
        Lookup(function, CompositeKey, ["eu", 2]);
        Assert.Equal(4, function.QueryCount);
    }

    [Fact]
    public void LostConnection_IsReconnectedAndRetried()
    {
        using var function = Function([0, 1], TimeProvider.System, ("lookup.max-retries", "2"));
        Assert.Single(Lookup(function, CompositeKey, ["eu", 1]));
        _server.Execute(_db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        Assert.Single(Lookup(function, CompositeKey, ["eu", 1]));
    }
}
