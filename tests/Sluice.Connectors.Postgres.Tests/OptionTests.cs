using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

public sealed class OptionTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private static Dictionary<string, string> Options(params (string Key, string Value)[] options)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "postgres",
            ["url"] = "jdbc:postgresql://localhost:5432/shop",
            ["table-name"] = "orders",
        };
        foreach (var (key, value) in options)
        {
            result[key] = value;
        }

        return result;
    }

    private static TableOptionException Fails(Func<object> create) => Assert.Throws<TableOptionException>(create);

    [Fact]
    public void MissingUrl_IsNamed()
    {
        var options = Options();
        options.Remove("url");
        var error = Fails(() => TestTables.Registry().CreateSink(TestTables.Context(Schema, options)));
        Assert.Equal("url", error.OptionKey);
        Assert.Contains("'url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherJdbcUrls_AreRejectedClearly()
    {
        var options = Options(("connector", "jdbc"), ("url", "jdbc:mysql://localhost:3306/shop"));
        var error = Fails(() => TestTables.Registry().CreateSink(TestTables.Context(Schema, options)));
        Assert.Equal("url", error.OptionKey);
        Assert.Contains("'mysql' JDBC URLs are not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JdbcConnector_AcceptsPostgresUrls()
    {
        var sink = TestTables.Registry().CreateSink(TestTables.Context(Schema, Options(("connector", "jdbc"), ("sink.parallelism", "3"))));
        Assert.Equal(ChangelogMode.InsertOnly, sink.AcceptedChangelogMode);
        Assert.Contains("jdbc", TestTables.Registry().SinkNames);
        Assert.Contains("postgres-cdc", TestTables.Registry().SourceNames);
    }

    [Fact]
    public void MisspelledOption_SuggestsTheRightOne()
    {
        var error = Fails(() => TestTables.Registry().CreateSink(TestTables.Context(Schema, Options(("sink.buffer-flush.max-row", "10")))));
        Assert.Contains("sink.buffer-flush.max-rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionOptions_NeedEachOther()
    {
        var error = Fails(() => TestTables.Registry().CreateSource(TestTables.Context(Schema, Options(("scan.partition.column", "id"), ("scan.partition.num", "4")))));
        Assert.Equal("scan.partition.lower-bound", error.OptionKey);

        error = Fails(() => TestTables.Registry().CreateSource(TestTables.Context(Schema, Options(("scan.partition.num", "4")))));
        Assert.Equal("scan.partition.num", error.OptionKey);

        error = Fails(() => TestTables.Registry().CreateSource(TestTables.Context(Schema,
            Options(("scan.partition.column", "name"), ("scan.partition.num", "2"), ("scan.partition.lower-bound", "0"), ("scan.partition.upper-bound", "9")))));
        Assert.Equal("scan.partition.column", error.OptionKey);
        Assert.Contains("numeric, date or timestamp column", error.Message, StringComparison.Ordinal);

        error = Fails(() => TestTables.Registry().CreateSource(TestTables.Context(Schema,
            Options(("scan.partition.column", "id"), ("scan.partition.num", "2"), ("scan.partition.lower-bound", "2024-01-01"), ("scan.partition.upper-bound", "9")))));
        Assert.Equal("scan.partition.lower-bound", error.OptionKey);
        Assert.Contains("'2024-01-01'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeliveryGuarantee_IsAnEnumeration()
    {
        var error = Fails(() => TestTables.Registry().CreateSink(TestTables.Context(Schema, Options(("sink.delivery-guarantee", "twice")))));
        Assert.Equal("sink.delivery-guarantee", error.OptionKey);
    }

    [Fact]
    public void UnsupportedColumnType_NamesTheColumn()
    {
        var schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("tags", DataTypes.Map(DataTypes.String(), DataTypes.String())));
        var error = Fails(() => TestTables.Registry().CreateSink(TestTables.Context(schema, Options())));
        Assert.Contains("'tags'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SinkChangelogMode_DependsOnThePrimaryKey()
    {
        var append = TestTables.Registry().CreateSink(TestTables.Context(Schema, Options()));
        var upsert = TestTables.Registry().CreateSink(TestTables.Context(Schema, Options(), "id"));
        Assert.Equal(ChangelogMode.InsertOnly, append.AcceptedChangelogMode);
        Assert.Equal(ChangelogMode.Upsert, upsert.AcceptedChangelogMode);
    }

    [Fact]
    public void TableSource_OffersLookups()
    {
        var source = TestTables.Registry().CreateSource(TestTables.Context(Schema, Options(("lookup.cache", "PARTIAL"), ("lookup.partial-cache.max-rows", "5"))));
        Assert.IsAssignableFrom<ILookupTableSource>(source);
        Assert.Equal(ChangelogMode.InsertOnly, source.ChangelogMode);
    }

    [Fact]
    public void JdbcUrl_UnderstandsHostPortDatabaseAndParameters()
    {
        var builder = JdbcUrl.Parse("jdbc:postgresql://db.example:6543/shop?sslmode=disable&currentSchema=sales&ApplicationName=x", "url", "connector 'jdbc'");
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("shop", builder.Database);
        Assert.Equal(Npgsql.SslMode.Disable, builder.SslMode);
        Assert.Equal("sales", builder.SearchPath);

        var error = Assert.Throws<TableOptionException>(() => JdbcUrl.Parse("jdbc:postgresql://h/db?foo=1", "url", "connector 'jdbc'"));
        Assert.Contains("'foo'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableName_ParsesSchemaAndQuotes()
    {
        Assert.Equal(new TableName("sales", "orders"), TableName.Parse("sales.orders", "table-name", "x"));
        Assert.Equal(new TableName("My Schema", "A.B"), TableName.Parse("\"My Schema\".\"A.B\"", "table-name", "x"));
        Assert.Equal("\"a\"\"b\"", TableName.Quote("a\"b"));
        Assert.Throws<TableOptionException>(() => TableName.Parse("a.b.c", "table-name", "x"));
    }

    [Fact]
    public void Cdc_RequiresSlotAndPgoutputAndAcceptsDebeziumOptions()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "postgres-cdc",
            ["hostname"] = "localhost",
            ["username"] = "u",
            ["password"] = "p",
            ["database-name"] = "shop",
            ["table-name"] = "orders",
            ["debezium.snapshot.mode"] = "never",
            ["debezium.slot.drop.on.stop"] = "true",
        };
        var error = Fails(() => TestTables.Registry().CreateSource(TestTables.Context(Schema, options)));
        Assert.Equal("slot.name", error.OptionKey);

        options["slot.name"] = "orders_slot";
        options["decoding.plugin.name"] = "wal2json";
        error = Fails(() => TestTables.Registry().CreateSource(TestTables.Context(Schema, options)));
        Assert.Equal("decoding.plugin.name", error.OptionKey);

        options["decoding.plugin.name"] = "pgoutput";
        var source = TestTables.Registry().CreateSource(TestTables.Context(Schema, options));
        Assert.Equal(ChangelogMode.All, source.ChangelogMode);

        options["slot.name"] = "Bad-Slot";
        error = Fails(() => TestTables.Registry().CreateSource(TestTables.Context(Schema, options)));
        Assert.Equal("slot.name", error.OptionKey);
    }
}
