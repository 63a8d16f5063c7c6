using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Tests.Binding;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Planning;

/// <summary>Flink 2's <c>DISTRIBUTED BY</c>: CREATE TABLE, LIKE, CTAS, ALTER TABLE ... DISTRIBUTION, SHOW CREATE TABLE.</summary>
public class DistributionDdlTests
{
    private const string Base = "CREATE TABLE Src (uid BIGINT, name STRING, dt STRING, ts AS PROCTIME(), m STRING METADATA)"
        + " DISTRIBUTED BY HASH(uid) INTO 4 BUCKETS WITH ('connector' = 'kafka');\n";

    private static InMemoryCatalog Run(string script)
    {
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, script);
        return catalog;
    }

    private static CatalogTable Table(InMemoryCatalog catalog, string name) =>
        Assert.IsType<CatalogTable>(catalog.FindTable(new ObjectIdentifier(catalog.CurrentCatalog, catalog.CurrentDatabase, name)));

    private static string ShowCreate(InMemoryCatalog catalog, string name) =>
        (string)Planner.Execute(SqlParser.ParseStatement("SHOW CREATE TABLE " + name), catalog).Rows[0][0]!;

    [Fact]
    public void CreateTable_KeepsTheDistributionInTheCatalog()
    {
        var distribution = Table(Run(Base), "Src").Distribution!;
        Assert.Equal(DistributionKind.Hash, distribution.Kind);
        Assert.Equal(["uid"], distribution.BucketKeys);
        Assert.Equal(4, distribution.BucketCount);
    }

    [Theory]
    [InlineData("DISTRIBUTED BY HASH(uid, name) INTO 2 BUCKETS", "DISTRIBUTED BY HASH(`uid`, `name`) INTO 2 BUCKETS")]
    [InlineData("DISTRIBUTED BY RANGE(uid)", "DISTRIBUTED BY RANGE(`uid`)")]
    [InlineData("DISTRIBUTED BY (uid) INTO 3 BUCKETS", "DISTRIBUTED BY (`uid`) INTO 3 BUCKETS")]
    [InlineData("DISTRIBUTED INTO 5 BUCKETS", "DISTRIBUTED INTO 5 BUCKETS")]
    public void ShowCreateTable_PrintsTheDistributionAsFlink(string clause, string printed)
    {
        var catalog = Run($"CREATE TABLE D (uid BIGINT, name STRING, dt STRING) COMMENT 'c' {clause} PARTITIONED BY (dt) WITH ('connector' = 'blackhole');");
        Assert.Equal(
            "CREATE TABLE `default_catalog`.`default_database`.`D` (\n"
            + "  `uid` BIGINT,\n  `name` VARCHAR(2147483647),\n  `dt` VARCHAR(2147483647)\n)\n"
            + "COMMENT 'c'\n" + printed + "\nPARTITIONED BY (`dt`)\nWITH (\n  'connector' = 'blackhole'\n)\n",
            ShowCreate(catalog, "D"));
    }

    [Theory]
    [InlineData("DISTRIBUTED BY HASH(nope) INTO 2 BUCKETS",
        "line 2, column 80: Invalid bucket key 'nope'. A bucket key for a distribution must reference a physical column in the schema. Available columns are: [uid, name]")]
    [InlineData("DISTRIBUTED BY (uid, ts)",
        "line 2, column 81: Invalid bucket key 'ts'. A bucket key for a distribution must reference a physical column in the schema. Available columns are: [uid, name]")]
    [InlineData("DISTRIBUTED INTO 0 BUCKETS", "line 2, column 77: Invalid bucket count '0'. The number of buckets for a distributed table must be at least 1.")]
    [InlineData("DISTRIBUTED INTO 99999999999 BUCKETS",
        "line 2, column 77: Invalid bucket count '99999999999'. The number of buckets for a distributed table must be at least 1.")]
    public void CreateTable_InvalidDistribution_IsRejectedAtItsPosition(string clause, string message) =>
        ExecuteFails($"CREATE VIEW V AS SELECT 1 AS one;\nCREATE TABLE D (uid BIGINT, name STRING, ts AS PROCTIME()) {clause} WITH ('connector' = 'blackhole')", message);

    [Fact]
    public void Like_IncludesTheDistributionByDefault()
    {
        var catalog = Run(Base + "CREATE TABLE Copy WITH ('connector' = 'print') LIKE Src;");
        Assert.Equal(Table(catalog, "Src").Distribution, Table(catalog, "Copy").Distribution);
    }

    [Fact]
    public void Like_ExcludingDistribution_DropsIt_AndAllowsANewOne()
    {
        var catalog = Run(Base
            + "CREATE TABLE Plain WITH ('connector' = 'print') LIKE Src (EXCLUDING DISTRIBUTION);\n"
            + "CREATE TABLE Other DISTRIBUTED INTO 2 BUCKETS WITH ('connector' = 'print') LIKE Src (EXCLUDING DISTRIBUTION);\n"
            + "CREATE TABLE AllOut WITH ('connector' = 'print') LIKE Src (EXCLUDING ALL);\n"
            + "CREATE TABLE AllOver WITH ('connector' = 'print') LIKE Src (OVERWRITING ALL);");
        Assert.Null(Table(catalog, "Plain").Distribution);
        Assert.Equal(new TableDistribution(DistributionKind.Unknown, [], 2), Table(catalog, "Other").Distribution);
        Assert.Null(Table(catalog, "AllOut").Distribution);
        Assert.Equal(Table(catalog, "Src").Distribution, Table(catalog, "AllOver").Distribution);
    }

    [Fact]
    public void Like_DistributionOnBothSides_IsRejected() =>
        ExecuteFails(Base + "CREATE TABLE Copy DISTRIBUTED INTO 2 BUCKETS WITH ('connector' = 'print') LIKE Src",
            "line 2, column 19: The base table already has a distribution defined; you might want to specify EXCLUDING DISTRIBUTION");

    [Fact]
    public void Like_OverwritingDistribution_IsRejected() =>
        ExecuteFails(Base + "CREATE TABLE Copy WITH ('connector' = 'print') LIKE Src (OVERWRITING DISTRIBUTION)",
            "line 2, column 58: Illegal merging strategy 'OVERWRITING' for 'DISTRIBUTION'; use INCLUDING or EXCLUDING");

    [Fact]
    public void CreateTableAsSelect_KeepsTheDistribution()
    {
        var catalog = Run(Base + "CREATE TABLE Ctas DISTRIBUTED BY (uid) INTO 4 BUCKETS WITH ('connector' = 'blackhole') AS SELECT uid, name FROM Src;");
        Assert.Equal(new TableDistribution(DistributionKind.Unknown, ["uid"], 4), Table(catalog, "Ctas").Distribution);
    }

    [Fact]
    public void AlterTable_AddModifyDrop_ChangeTheDistribution()
    {
        var catalog = Run(Base + "ALTER TABLE Src DROP DISTRIBUTION;");
        Assert.Null(Table(catalog, "Src").Distribution);
        TestCatalogs.Run(catalog, "ALTER TABLE Src ADD DISTRIBUTION BY RANGE(name, uid) INTO 8 BUCKETS;");
        Assert.Equal(new TableDistribution(DistributionKind.Range, ["name", "uid"], 8), Table(catalog, "Src").Distribution);
        TestCatalogs.Run(catalog, "ALTER TABLE Src MODIFY DISTRIBUTION INTO 3 BUCKETS;");
        Assert.Equal(new TableDistribution(DistributionKind.Unknown, [], 3), Table(catalog, "Src").Distribution);
        Assert.Contains("\nDISTRIBUTED INTO 3 BUCKETS\nWITH (", ShowCreate(catalog, "Src"), StringComparison.Ordinal);
        TestCatalogs.Run(catalog, "ALTER TABLE IF EXISTS Nope DROP DISTRIBUTION;");
    }

    [Theory]
    [InlineData("ALTER TABLE Src ADD DISTRIBUTION INTO 2 BUCKETS",
        "line 2, column 1: Failed to execute ALTER TABLE statement. The base table has already defined the distribution `DISTRIBUTED BY HASH(`uid`) INTO 4 BUCKETS`. You can modify it or drop it before adding a new one.")]
    [InlineData("ALTER TABLE Src DROP DISTRIBUTION;\nALTER TABLE Src DROP DISTRIBUTION",
        "line 3, column 1: Table `default_catalog`.`default_database`.`Src` does not have a distribution to drop.")]
    [InlineData("ALTER TABLE Src DROP DISTRIBUTION;\nALTER TABLE Src MODIFY DISTRIBUTION INTO 2 BUCKETS",
        "line 3, column 1: Failed to execute ALTER TABLE statement. The base table does not define any distribution. You might want to add a new one.")]
    [InlineData("ALTER TABLE Src MODIFY DISTRIBUTION BY HASH(m)",
        "line 2, column 45: Invalid bucket key 'm'. A bucket key for a distribution must reference a physical column in the schema. Available columns are: [uid, name, dt]")]
    [InlineData("ALTER TABLE Src DROP uid", "line 2, column 22: Cannot drop column 'uid': it is a bucket key of the table's distribution; drop or modify the distribution first")]
    [InlineData("ALTER TABLE Nope DROP DISTRIBUTION", "line 2, column 13: Table 'Nope' not found")]
    public void AlterTable_InvalidDistributionChange_IsRejected(string sql, string message) => ExecuteFails(Base + sql, message);

    [Fact]
    public void RenameColumn_RenamesTheBucketKey()
    {
        var catalog = Run(Base + "ALTER TABLE Src RENAME uid TO user_id;");
        Assert.Equal(["user_id"], Table(catalog, "Src").Distribution!.BucketKeys);
    }

    [Fact]
    public void AlterOptionsAndRename_KeepTheDistribution()
    {
        var catalog = Run(Base + "ALTER TABLE Src SET ('k' = 'v');\nALTER TABLE Src ADD extra INT;\nALTER TABLE Src RENAME TO Moved;");
        Assert.Equal(4, Table(catalog, "Moved").Distribution!.BucketCount);
    }
}
