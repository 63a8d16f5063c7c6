using Sluice.Core.Types;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;
using Sluice.Sql.Tests.Binding;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Planning;

/// <summary>DDL against the in-memory catalog: tables, LIKE, views, DROP, ALTER, SHOW, DESCRIBE, functions.</summary>
public class DdlTests
{
    private static InMemoryCatalog Run(string script)
    {
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, script);
        return catalog;
    }

    private static CatalogTable Table(InMemoryCatalog catalog, string name) =>
        Assert.IsType<CatalogTable>(catalog.FindTable(new ObjectIdentifier(catalog.CurrentCatalog, catalog.CurrentDatabase, name)));

    private static StatementResult Execute(InMemoryCatalog catalog, string sql) => Planner.Execute(SqlParser.ParseStatement(sql), catalog);

    [Fact]
    public void CreateTable_ResolvesColumnsWatermarkKeyAndOptions()
    {
        var catalog = Run("""
            CREATE TEMPORARY TABLE Orders (
              id BIGINT,
              amount DECIMAL(10, 2),
              payload STRING,
              ts AS TO_TIMESTAMP(JSON_VALUE(payload, '$.ts')),
              offset_ BIGINT METADATA FROM 'offset' VIRTUAL,
              topic STRING METADATA,
              pt AS PROCTIME(),
              WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
              PRIMARY KEY (id) NOT ENFORCED
            ) COMMENT 'orders' PARTITIONED BY (amount) WITH ('format' = 'json', 'connector' = 'kafka')
            """);
        var table = Table(catalog, "Orders");
        Assert.Equal("(`id` BIGINT NOT NULL, `amount` DECIMAL(10, 2), `payload` STRING, `ts` TIMESTAMP(3) *ROWTIME*, `offset_` BIGINT, " +
            "`topic` STRING, `pt` TIMESTAMP_LTZ(3) NOT NULL)", table.Schema.ToString());
        Assert.Equal(["id", "amount", "payload", "topic"], table.PersistedColumns.Select(c => c.Name));
        Assert.Equal(TimeAttribute.ProcTime, table.FindColumn("pt")!.TimeAttribute);
        Assert.Equal(TimeAttribute.RowTime, table.FindColumn("ts")!.TimeAttribute);
        Assert.Equal("`ts` - INTERVAL '5' SECOND", table.Watermark!.ExpressionText);
        Assert.Equal("TIMESTAMP(3)", table.Watermark.ExpressionType.ToString());
        Assert.Equal(new PrimaryKey("PK_id", ["id"]).ToString(), table.PrimaryKey!.ToString());
        Assert.Equal(["amount"], table.PartitionKeys);
        Assert.Equal(["connector", "format"], table.Options.Keys);
        Assert.Equal("orders", table.Comment);
        Assert.True(table.IsTemporary);
        Assert.Equal("offset", table.FindColumn("offset_")!.MetadataKey);
    }

    [Fact]
    public void CreateTable_IfNotExists_KeepsTheExistingTable()
    {
        var catalog = Run("CREATE TABLE IF NOT EXISTS ShipEvent (x INT) WITH ('connector' = 'print')");
        Assert.Equal(11, Table(catalog, "ShipEvent").Columns.Count);
    }

    [Theory]
    [InlineData("CREATE TABLE ShipEvent (x INT)", "line 1, column 14: Table 'ShipEvent' already exists")]
    [InlineData("CREATE TABLE X (a INT, a STRING)", "line 1, column 24: Duplicate column name 'a'")]
    [InlineData("CREATE TABLE X (a INT, PRIMARY KEY (a) ENFORCED)",
        "line 1, column 24: Flink SQL only supports NOT ENFORCED primary keys (Flink does not own the data, so it cannot enforce them); add NOT ENFORCED")]
    [InlineData("CREATE TABLE X (a INT, b AS a + 1, PRIMARY KEY (b) NOT ENFORCED)",
        "line 1, column 49: Column 'b' cannot be part of the PRIMARY KEY: it is a computed column")]
    [InlineData("CREATE TABLE X (a INT, PRIMARY KEY (c) NOT ENFORCED)", "line 1, column 37: Column 'c' of the PRIMARY KEY is not defined in the table")]
    [InlineData("CREATE TABLE X (a INT, WATERMARK FOR t AS t)",
        "line 1, column 38: The rowtime column 't' of the WATERMARK is not defined in the table")]
    [InlineData("CREATE TABLE X (t TIMESTAMP(6), WATERMARK FOR t AS t)",
        "line 1, column 47: Invalid type of the rowtime column 't': it must be TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p from 0 to 3, not TIMESTAMP(6)")]
    [InlineData("CREATE TABLE X (t TIMESTAMP(3), WATERMARK FOR t AS 1)",
        "line 1, column 52: Invalid type of the WATERMARK expression: it must be TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p from 0 to 3, not INT NOT NULL")]
    [InlineData("CREATE TABLE X (a INT, b AS COUNT(a))", "line 1, column 29: Aggregate functions are not allowed in a computed column")]
    [InlineData("CREATE TABLE X (a INT, b AS c + 1)", "line 1, column 29: Column 'c' not found in any table")]
    [InlineData("CREATE TABLE X (a INT) PARTITIONED BY (b)", "line 1, column 40: Partition column 'b' is not defined in the table")]
    [InlineData("CREATE TABLE X (a INT) WITH ('k' = '1', 'k' = '2')", "line 1, column 41: Duplicate option 'k'")]
    [InlineData("CREATE FUNCTION f AS 'com.example.F'",
        "line 1, column 1: Class 'com.example.F' not found in the loaded assemblies; name its assembly with USING JAR 'path/to/functions.dll' or the option 'sluice.function-assemblies' (and write the full name, Namespace.Class)")]
    [InlineData("CREATE FUNCTION f AS 'com.example.F' LANGUAGE JAVA",
        "line 1, column 1: LANGUAGE JAVA is not supported: Sluice runs C# functions (LANGUAGE CSHARP); implement the class in C# by deriving from ScalarFunction, TableFunction<TRow> or AggregateFunction<TResult, TAccumulator>")]
    [InlineData("SET 'a' = 'b'", "line 1, column 1: Set is handled by the session, not by the catalog")]
    [InlineData("SELECT 1", "line 1, column 1: Queries and INSERT statements are planned with Planner.Bind, not executed as DDL")]
    public void InvalidCreateTable_IsRejected(string sql, string message) => ExecuteFails(sql, message);

    [Fact]
    public void Like_DefaultsToIncludingAllOverwritingOptions()
    {
        var catalog = Run("CREATE TABLE Copy (extra INT) WITH ('topic' = 'copy') LIKE ShipRoute");
        var table = Table(catalog, "Copy");
        Assert.Equal(["routeId", "trackingNumber", "endStopId", "updatedAt", "extra"], table.Columns.Select(c => c.Name));
        Assert.Equal("updatedAt", table.Watermark!.RowTimeColumn);
        Assert.Equal(["trackingNumber"], table.PrimaryKey!.Columns);
        Assert.Equal("copy", table.Options["topic"]);
        Assert.Equal("upsert-kafka", table.Options["connector"]);
    }

    [Fact]
    public void Like_ExcludingAll_KeepsOnlyPhysicalColumns()
    {
        var catalog = Run("""
            CREATE TABLE Src (a INT, b AS a + 1, m STRING METADATA VIRTUAL, t TIMESTAMP(3), WATERMARK FOR t AS t, PRIMARY KEY (a) NOT ENFORCED)
              PARTITIONED BY (a) WITH ('connector' = 'x');
            CREATE TABLE Dst WITH ('connector' = 'y') LIKE Src (EXCLUDING ALL);
            """);
        var table = Table(catalog, "Dst");
        Assert.Equal(["a", "t"], table.Columns.Select(c => c.Name));
        Assert.Null(table.Watermark);
        Assert.Null(table.PrimaryKey);
        Assert.Empty(table.PartitionKeys);
        Assert.Equal(["connector"], table.Options.Keys);
    }

    [Fact]
    public void Like_OverwritingGenerated_ReplacesTheComputedColumn()
    {
        var catalog = Run("""
            CREATE TABLE Src (a INT, b AS a + 1) WITH ('connector' = 'x');
            CREATE TABLE Dst (b AS a * 10) LIKE Src (OVERWRITING GENERATED);
            """);
        Assert.Equal("a * 10", SqlFormatter.Format(Table(catalog, "Dst").FindColumn("b")!.Expression!));
    }

    [Theory]
    [InlineData("CREATE TABLE D (b AS a * 2) LIKE Src",
        "line 2, column 17: A computed column named 'b' already exists in the base table; you might want to specify EXCLUDING GENERATED or OVERWRITING GENERATED")]
    [InlineData("CREATE TABLE D (a BIGINT) LIKE Src", "line 2, column 17: A column named 'a' already exists in the base table")]
    [InlineData("CREATE TABLE D (PRIMARY KEY (a) NOT ENFORCED) LIKE Src",
        "line 2, column 17: The base table already has a primary key; you might want to specify EXCLUDING CONSTRAINTS")]
    [InlineData("CREATE TABLE D (t2 TIMESTAMP(3), WATERMARK FOR t2 AS t2) LIKE Src",
        "line 2, column 34: The base table already has a watermark for column 't'; you might want to specify EXCLUDING WATERMARKS or OVERWRITING WATERMARKS")]
    [InlineData("CREATE TABLE D LIKE Src (OVERWRITING CONSTRAINTS)",
        "line 2, column 26: Illegal merging strategy 'OVERWRITING' for 'CONSTRAINTS'; use INCLUDING or EXCLUDING")]
    [InlineData("CREATE TABLE D LIKE Src (EXCLUDING OPTIONS, INCLUDING OPTIONS)", "line 2, column 45: Each LIKE option feature can be declared only once")]
    [InlineData("CREATE TABLE D LIKE V", "line 2, column 21: The LIKE source 'V' is a view; LIKE needs a table")]
    [InlineData("CREATE TABLE D LIKE Nope", "line 2, column 21: Source table 'Nope' not found")]
    public void InvalidLike_IsRejected(string sql, string message) =>
        ExecuteFails(
            "CREATE TABLE Src (a INT, b AS a + 1, t TIMESTAMP(3), WATERMARK FOR t AS t, PRIMARY KEY (a) NOT ENFORCED) WITH ('connector' = 'x'); CREATE VIEW V AS SELECT 1 AS one;\n" + sql,
            message);

    [Fact]
    public void CreateView_StoresTheQueryAndItsSchema()
    {
        var catalog = Run("CREATE VIEW V (n, t) AS SELECT trackingNumber, occurredAt FROM ShipEvent");
        var view = Assert.IsType<CatalogView>(catalog.FindTable(new ObjectIdentifier("default_catalog", "default_database", "V")));
        Assert.Equal("(`n` BIGINT, `t` TIMESTAMP(3) *ROWTIME*)", view.Schema.ToString());
        Assert.Equal("SELECT trackingNumber, occurredAt FROM ShipEvent", view.QueryText);
        Assert.Equal(["n", "t"], Schema("SELECT * FROM V", catalog).Names);
    }

    [Theory]
    [InlineData("CREATE VIEW V (a) AS SELECT 1, 2", "line 1, column 13: The view 'V' lists 1 column names, but its query returns 2 columns")]
    [InlineData("CREATE VIEW V (a, a) AS SELECT 1, 2", "line 1, column 19: Duplicate column name 'a' in the view's column list")]
    [InlineData("CREATE VIEW ShipEvent AS SELECT 1", "line 1, column 13: Table 'ShipEvent' already exists")]
    [InlineData("CREATE VIEW V AS SELECT nope FROM ShipEvent", "line 1, column 25: Column 'nope' not found in any table")]
    public void InvalidView_IsRejected(string sql, string message) => ExecuteFails(sql, message);

    [Fact]
    public void View_ReadingAMissingTable_FailsWhenRead()
    {
        var catalog = Run("CREATE TABLE Tmp (a INT) WITH ('connector' = 'x'); CREATE VIEW V AS SELECT a FROM Tmp; DROP TABLE Tmp;");
        var error = Assert.Throws<SqlException>(() => Bind("SELECT * FROM V", catalog));
        Assert.Equal("line 1, column 15: Cannot read view 'V': Table 'Tmp' not found (line 1, column 83 of its definition)", error.Message);
    }

    [Fact]
    public void DropAlterRename_ChangeTheCatalog()
    {
        var catalog = Run("""
            CREATE TABLE R (a INT) WITH ('connector' = 'print', 'x' = '1');
            ALTER TABLE R SET ('y' = '2', 'x' = '3');
            ALTER TABLE R RESET ('y');
            ALTER TABLE R RENAME TO R2;
            """);
        Assert.Null(catalog.FindTable(new ObjectIdentifier("default_catalog", "default_database", "R")));
        Assert.Equal(["connector", "x"], Table(catalog, "R2").Options.Keys);
        Assert.Equal("3", Table(catalog, "R2").Options["x"]);
        Execute(catalog, "DROP TABLE R2");
        Assert.Null(catalog.FindTable(new ObjectIdentifier("default_catalog", "default_database", "R2")));
        Assert.Same(StatementResult.Ok, Execute(catalog, "DROP TABLE IF EXISTS R2"));
        Assert.Same(StatementResult.Ok, Execute(catalog, "ALTER TABLE IF EXISTS R2 SET ('a' = 'b')"));
    }

    [Theory]
    [InlineData("DROP TABLE Nope", "line 2, column 12: Table 'Nope' not found")]
    [InlineData("DROP TABLE ShipEvnt", "line 2, column 12: Table 'ShipEvnt' not found; did you mean 'ShipEvent'?")]
    [InlineData("DROP TABLE V", "line 2, column 12: 'V' is a view; drop it with DROP VIEW")]
    [InlineData("DROP VIEW ShipEvent", "line 2, column 11: 'ShipEvent' is a table; drop it with DROP TABLE")]
    [InlineData("DROP TEMPORARY TABLE ShipEvent", "line 2, column 22: Temporary table 'ShipEvent' not found")]
    [InlineData("DROP FUNCTION UPPER", "line 2, column 15: 'UPPER' is a built-in function and cannot be dropped")]
    [InlineData("DROP FUNCTION nope", "line 2, column 15: Function 'nope' not found")]
    [InlineData("DROP DATABASE db", "line 2, column 15: Database 'db' does not exist in catalog 'default_catalog'")]
    [InlineData("ALTER TABLE ShipEvent RENAME TO ShipRoute", "line 2, column 33: Table 'ShipRoute' already exists")]
    [InlineData("ALTER TABLE V SET ('a' = 'b')", "line 2, column 13: 'V' is a view; ALTER TABLE needs a table")]
    [InlineData("ALTER TABLE ShipEvent RESET ('connector')", "line 2, column 30: ALTER TABLE ... RESET cannot remove 'connector'; use SET to change it")]
    [InlineData("SHOW CREATE TABLE V", "line 2, column 19: 'V' is a view; use SHOW CREATE VIEW")]
    [InlineData("DESCRIBE Nope", "line 2, column 10: Table 'Nope' not found")]
    public void InvalidDropOrAlter_IsRejected(string sql, string message) =>
        ExecuteFails("CREATE VIEW V AS SELECT 1 AS one;\n" + sql, message);

    [Fact]
    public void FailedStatement_LeavesTheCatalogUnchanged()
    {
        var catalog = TestCatalogs.Standard();
        Assert.Throws<SqlException>(() => Execute(catalog, "CREATE TABLE Bad (a INT, b AS nope) WITH ('connector' = 'x')"));
        Assert.Null(catalog.FindTable(new ObjectIdentifier("default_catalog", "default_database", "Bad")));
    }

    [Fact]
    public void Describe_ReturnsOneRowPerColumn()
    {
        var result = Execute(TestCatalogs.Standard(), "DESCRIBE ShipRoute");
        Assert.Equal(["name", "type", "null", "key", "extras", "watermark"], result.ColumnNames);
        Assert.Equal(4, result.Rows.Count);
        Assert.Equal(["trackingNumber", "BIGINT", false, "PRI(trackingNumber)", "", ""], result.Rows[1]);
        Assert.Equal(["updatedAt", "TIMESTAMP(3) *ROWTIME*", true, "", "", "`updatedAt`"], result.Rows[3]);
    }

    [Fact]
    public void Show_ListsObjects()
    {
        var catalog = Run("CREATE VIEW V AS SELECT 1 AS one");
        Assert.Equal(["ShipEvent", "ShipRoute", "T", "V"], Execute(catalog, "SHOW TABLES").Rows.Select(r => r[0]));
        Assert.Equal(["V"], Execute(catalog, "SHOW VIEWS").Rows.Select(r => r[0]));
        Assert.Equal(["split_words"], Execute(catalog, "SHOW USER FUNCTIONS").Rows.Select(r => r[0]));
        Assert.Contains(Execute(catalog, "SHOW FUNCTIONS").Rows, r => (string)r[0]! == "TUMBLE");
        Assert.Equal(["ShipEvent"], Execute(catalog, "SHOW TABLES LIKE 'Ship_vent'").Rows.Select(r => r[0]));
    }

    [Fact]
    public void UserDefinedFunction_IsResolvedAndTyped()
    {
        var catalog = TestCatalogs.Standard();
        catalog.RegisterFunction(new FunctionDefinition("DISTANCE_KM", FunctionKind.Scalar,
            [FunctionSignature.Of(ArgumentFamily.Numeric, ArgumentFamily.Numeric)], ReturnTypes.NullableIfAny(DataTypes.Double().NotNull()))
        {
            Description = "Great-circle distance",
        });
        Assert.Equal("DOUBLE NOT NULL", Schema("SELECT distance_km(nn_i, nn_db) FROM T", catalog)[0].Type.ToString());
        Assert.Equal("DOUBLE", Schema("SELECT DISTANCE_KM(i, 1) FROM T", catalog)[0].Type.ToString());
        Assert.Throws<ArgumentException>(() => catalog.RegisterFunction(
            new FunctionDefinition("UPPER", FunctionKind.Scalar, [], ReturnTypes.Explicit(DataTypes.Int()))));
        Execute(catalog, "DROP TEMPORARY SYSTEM FUNCTION DISTANCE_KM");
        Assert.Null(catalog.FindFunction("DISTANCE_KM"));
    }

    [Fact]
    public void Explain_ReturnsThePlan()
    {
        var result = Execute(TestCatalogs.Standard(), "EXPLAIN SELECT s FROM T WHERE 1 = 1");
        Assert.StartsWith("Project(exprs=[s])\n  TableScan(table=[T], fields=[", (string)result.Rows[0][0]!, StringComparison.Ordinal);
    }
}
