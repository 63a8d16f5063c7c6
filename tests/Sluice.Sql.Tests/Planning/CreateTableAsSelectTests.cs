using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Tests.Binding;

namespace Sluice.Sql.Tests.Planning;

/// <summary>
/// <c>CREATE TABLE ... AS SELECT</c> with a <c>CREATE</c> part, as Flink's create.md: own columns first, then the query's
/// (types declared for them replace the query's), a watermark and a primary key; or the query's columns reordered by
/// name only.
/// </summary>
public class CreateTableAsSelectTests
{
    private const string Source =
        "CREATE TABLE source_table (id BIGINT NOT NULL, name STRING, price DOUBLE, quantity INT, order_time TIMESTAMP(3)) WITH ('connector' = 'x');\n";

    private static CatalogTable Table(string script)
    {
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, Source + script);
        return Assert.IsType<CatalogTable>(catalog.FindTable(new ObjectIdentifier(catalog.CurrentCatalog, catalog.CurrentDatabase, "t")));
    }

    [Fact]
    public void CreatePartColumns_ComeFirst_QueryColumnsKeepTheirPositionWithTheDeclaredType()
    {
        var table = Table("""
            CREATE TABLE t (
              `desc` STRING,
              quantity DOUBLE,
              cost AS price * quantity,
              WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
            ) WITH ('connector' = 'blackhole') AS SELECT id, price, quantity, order_time FROM source_table
            """);

        Assert.Equal("(`desc` STRING, `cost` DOUBLE, `id` BIGINT NOT NULL, `price` DOUBLE, `quantity` DOUBLE, `order_time` TIMESTAMP(3) *ROWTIME*)",
            table.Schema.ToString());
        Assert.Equal("`order_time` - INTERVAL '5' SECOND", table.Watermark!.ExpressionText);
    }

    [Fact]
    public void NamesOnly_ReorderTheQueryColumns()
    {
        var table = Table("CREATE TABLE t (order_time, price, id) WITH ('connector' = 'blackhole') AS SELECT id, price, order_time FROM source_table");

        Assert.Equal("(`order_time` TIMESTAMP(3), `price` DOUBLE, `id` BIGINT NOT NULL)", table.Schema.ToString());
    }

    [Fact]
    public void PrimaryKey_OnAQueryColumn()
    {
        var table = Table("CREATE TABLE t (PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'blackhole') AS SELECT id, name FROM source_table");

        Assert.Equal(["id"], table.PrimaryKey!.Columns);
        Assert.False(table.FindColumn("id")!.Type.IsNullable);
    }

    [Theory]
    [InlineData("CREATE TABLE t (id, nope) WITH ('connector' = 'x') AS SELECT id, name FROM source_table", "Column 'nope' is not a column of the query")]
    [InlineData("CREATE TABLE t (id) WITH ('connector' = 'x') AS SELECT id, name FROM source_table", "The column list names 1 columns, but the query returns 2 (id, name)")]
    [InlineData("CREATE TABLE t (id, extra INT) WITH ('connector' = 'x') AS SELECT id FROM source_table", "either lists every column of the query by name only")]
    [InlineData("CREATE TABLE t (id AS 1) WITH ('connector' = 'x') AS SELECT id FROM source_table", "Column 'id' is a column of the query; the CREATE part may only declare its type")]
    [InlineData("CREATE TABLE t (id, name) WITH ('connector' = 'x')", "Column 'id' has no type: a column without a type is allowed only in CREATE TABLE ... AS SELECT")]
    public void InvalidCreatePart_IsRejected(string sql, string message)
    {
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, Source);

        var error = Assert.Throws<SqlException>(() => Planner.Execute(SqlParser.ParseStatement(sql), catalog));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowModules_ListsTheCoreModule()
    {
        var catalog = TestCatalogs.Standard();

        var modules = Planner.Execute(SqlParser.ParseStatement("SHOW MODULES"), catalog);
        var full = Planner.Execute(SqlParser.ParseStatement("SHOW FULL MODULES"), catalog);

        Assert.Equal(["module name"], modules.ColumnNames);
        Assert.Equal("core", Assert.Single(modules.Rows)[0]);
        Assert.Equal(["module name", "used"], full.ColumnNames);
        Assert.Equal(["core", true], Assert.Single(full.Rows));
    }
}
