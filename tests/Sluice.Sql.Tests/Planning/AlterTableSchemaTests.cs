using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Tests.Binding;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Planning;

/// <summary>
/// <c>ALTER TABLE</c> schema changes (Flink 1.17+): ADD / MODIFY columns with positions, the primary key and the
/// watermark; DROP columns, the key, the watermark; RENAME a column; and the errors that keep a table consistent.
/// </summary>
public class AlterTableSchemaTests
{
    private const string Orders = """
        CREATE TABLE Orders (
          id BIGINT,
          amount DECIMAL(10, 2),
          ts TIMESTAMP(3),
          doubled AS amount * 2,
          PRIMARY KEY (id) NOT ENFORCED
        ) PARTITIONED BY (amount) WITH ('connector' = 'print');
        """;

    private static InMemoryCatalog Run(string script)
    {
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, script);
        return catalog;
    }

    private static CatalogTable Table(InMemoryCatalog catalog, string name = "Orders") =>
        Assert.IsType<CatalogTable>(catalog.FindTable(new ObjectIdentifier(catalog.CurrentCatalog, catalog.CurrentDatabase, name)));

    private static string Schema(InMemoryCatalog catalog) => Table(catalog).Schema.ToString();

    [Fact]
    public void Add_places_columns_last_first_or_after_a_column()
    {
        var catalog = Run(Orders + """
            ALTER TABLE Orders ADD note STRING COMMENT 'free text';
            ALTER TABLE Orders ADD (region STRING FIRST, qty INT AFTER id, total AS amount + 1);
            """);
        Assert.Equal("(`region` STRING, `id` BIGINT NOT NULL, `qty` INT, `amount` DECIMAL(10, 2), `ts` TIMESTAMP(3), "
            + "`doubled` DECIMAL(21, 2), `note` STRING, `total` DECIMAL(13, 2))", Schema(catalog));
        Assert.Equal("free text", Table(catalog).FindColumn("note")!.Comment);
        Assert.Equal(ColumnKind.Computed, Table(catalog).FindColumn("total")!.Kind);
        Assert.Equal(["id"], Table(catalog).PrimaryKey!.Columns);
    }

    [Fact]
    public void Add_watermark_makes_a_rowtime_attribute_and_drop_removes_it()
    {
        var catalog = Run(Orders + "ALTER TABLE Orders ADD WATERMARK FOR ts AS ts - INTERVAL '1' SECOND;");
        Assert.Equal(TimeAttribute.RowTime, Table(catalog).FindColumn("ts")!.TimeAttribute);
        Assert.Equal("`ts` - INTERVAL '1' SECOND", Table(catalog).Watermark!.ExpressionText);

        TestCatalogs.Run(catalog, "ALTER TABLE Orders MODIFY WATERMARK FOR ts AS ts;");
        Assert.Equal("`ts`", Table(catalog).Watermark!.ExpressionText);

        TestCatalogs.Run(catalog, "ALTER TABLE Orders DROP WATERMARK;");
        Assert.Null(Table(catalog).Watermark);
        Assert.Equal(TimeAttribute.None, Table(catalog).FindColumn("ts")!.TimeAttribute);
    }

    [Fact]
    public void Modify_changes_a_column_in_place_and_retypes_computed_columns()
    {
        var catalog = Run(Orders + "ALTER TABLE Orders MODIFY amount DOUBLE COMMENT 'in euros';");
        Assert.Equal("(`id` BIGINT NOT NULL, `amount` DOUBLE, `ts` TIMESTAMP(3), `doubled` DOUBLE)", Schema(catalog));
        Assert.Equal("in euros", Table(catalog).FindColumn("amount")!.Comment);

        TestCatalogs.Run(catalog, "ALTER TABLE Orders MODIFY ts TIMESTAMP(3) AFTER id;");
        Assert.Equal(["id", "ts", "amount", "doubled"], Table(catalog).Columns.Select(c => c.Name));
    }

    [Fact]
    public void Primary_key_can_be_dropped_added_and_modified()
    {
        var catalog = Run(Orders + "ALTER TABLE Orders DROP PRIMARY KEY;");
        Assert.Null(Table(catalog).PrimaryKey);

        TestCatalogs.Run(catalog, "ALTER TABLE Orders ADD CONSTRAINT pk_orders PRIMARY KEY (id, ts) NOT ENFORCED;");
        Assert.Equal(new PrimaryKey("pk_orders", ["id", "ts"]).ToString(), Table(catalog).PrimaryKey!.ToString());
        Assert.False(Table(catalog).FindColumn("ts")!.Type.IsNullable);

        TestCatalogs.Run(catalog, "ALTER TABLE Orders MODIFY PRIMARY KEY (id) NOT ENFORCED;");
        Assert.Equal(["id"], Table(catalog).PrimaryKey!.Columns);

        TestCatalogs.Run(catalog, "ALTER TABLE Orders DROP CONSTRAINT PK_id;");
        Assert.Null(Table(catalog).PrimaryKey);
    }

    [Fact]
    public void Drop_and_rename_columns()
    {
        var catalog = Run(Orders + """
            ALTER TABLE Orders ADD (a INT, b INT, m STRING METADATA VIRTUAL);
            ALTER TABLE Orders DROP (a, b);
            ALTER TABLE Orders RENAME id TO order_id;
            ALTER TABLE Orders RENAME m TO meta;
            """);
        Assert.Equal(["order_id", "amount", "ts", "doubled", "meta"], Table(catalog).Columns.Select(c => c.Name));
        Assert.Equal(["order_id"], Table(catalog).PrimaryKey!.Columns);
        // A metadata column without FROM read the key of its old name, and still does.
        Assert.Equal("m", Table(catalog).FindColumn("meta")!.MetadataKey);
    }

    [Fact]
    public void A_failing_alter_leaves_the_table_unchanged()
    {
        var catalog = Run(Orders);
        var before = Table(catalog);
        Assert.Throws<SqlException>(() => TestCatalogs.Run(catalog, "ALTER TABLE Orders ADD (x INT, id INT);"));
        Assert.Same(before, Table(catalog));
    }

    [Theory]
    [InlineData("ALTER TABLE Orders ADD amount INT", "line 8, column 24: Column 'amount' already exists in table 'Orders'")]
    [InlineData("ALTER TABLE Orders MODIFY amout INT", "line 8, column 27: Column 'amout' does not exist in table 'Orders'; use ADD to add it; did you mean 'amount'?")]
    [InlineData("ALTER TABLE Orders ADD x INT AFTER nope", "line 8, column 36: Column 'nope' named by AFTER does not exist in table 'Orders'")]
    [InlineData("ALTER TABLE Orders ADD PRIMARY KEY (ts) NOT ENFORCED",
        "line 8, column 24: Table 'Orders' already has a primary key (CONSTRAINT `PK_id` PRIMARY KEY (`id`) NOT ENFORCED); use MODIFY to change it")]
    [InlineData("ALTER TABLE Orders MODIFY WATERMARK FOR ts AS ts", "line 8, column 27: Table 'Orders' has no watermark to modify; use ADD")]
    [InlineData("ALTER TABLE Orders ADD WATERMARK FOR id AS id",
        "line 8, column 38: Invalid type of the rowtime column 'id': it must be TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p from 0 to 3, not BIGINT NOT NULL")]
    [InlineData("ALTER TABLE Orders DROP amount", "line 8, column 25: Cannot drop column 'amount': computed column 'doubled' uses it")]
    [InlineData("ALTER TABLE Orders DROP id", "line 8, column 25: Cannot drop column 'id': it is part of the primary key; drop the primary key first")]
    [InlineData("ALTER TABLE Orders DROP nope", "line 8, column 25: Column 'nope' does not exist in table 'Orders'")]
    [InlineData("ALTER TABLE Orders DROP WATERMARK", "line 8, column 1: Table 'Orders' has no watermark to drop")]
    [InlineData("ALTER TABLE Orders DROP CONSTRAINT pk", "line 8, column 36: Table 'Orders' has no constraint 'pk'; its primary key is named 'PK_id'")]
    [InlineData("ALTER TABLE Orders RENAME amount TO value", "line 8, column 27: Cannot rename column 'amount': computed column 'doubled' uses it")]
    [InlineData("ALTER TABLE Orders RENAME ts TO id", "line 8, column 33: Column 'id' already exists in table 'Orders'")]
    public void Invalid_changes_are_positioned_errors(string statement, string message) =>
        ExecuteFails(Orders + "\n" + statement, message);
}
