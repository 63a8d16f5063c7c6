using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Tests.Planning;

/// <summary>
/// Catalogs and databases as in Flink: <c>CREATE CATALOG</c> (<c>generic_in_memory</c>), <c>CREATE DATABASE</c>,
/// <c>USE</c>, <c>DROP CATALOG</c>, <c>DROP DATABASE [RESTRICT | CASCADE]</c>, their listings, name resolution against
/// the current catalog and database, and positioned errors for what does not exist or cannot be done.
/// </summary>
public sealed class CatalogStatementTests
{
    private const string Table = "(a INT) WITH ('connector' = 'datagen')";

    private static StatementResult Execute(InMemoryCatalog catalog, string sql) => Planner.Execute(SqlParser.ParseStatement(sql), catalog);

    private static string[] Column(StatementResult result) => result.Rows.Select(r => (string)r[0]!).ToArray();

    private static SqlException Fails(InMemoryCatalog catalog, string sql, string message)
    {
        var error = Assert.Throws<SqlException>(() => Execute(catalog, sql));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Databases_AreCreatedListedUsedAndResolveOneAndTwoPartNames()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE DATABASE db1 COMMENT 'first' WITH ('owner' = 'ops')");
        Execute(catalog, "CREATE DATABASE IF NOT EXISTS db1");
        Fails(catalog, "CREATE DATABASE db1", "Database 'db1' already exists in catalog 'default_catalog'");
        Assert.Equal(["db1", "default_database"], Column(Execute(catalog, "SHOW DATABASES")));
        Assert.Equal(["db1"], Column(Execute(catalog, "SHOW DATABASES LIKE 'db%'")));
        Assert.Equal("first", catalog.FindDatabase("default_catalog", "db1")!.Comment);
        Assert.Equal("ops", catalog.FindDatabase("default_catalog", "db1")!.Properties["owner"]);

        Execute(catalog, $"CREATE TABLE db1.t {Table}");
        Assert.Empty(Column(Execute(catalog, "SHOW TABLES")));
        Assert.Equal(["t"], Column(Execute(catalog, "SHOW TABLES FROM db1")));
        Assert.Equal(["t"], Column(Execute(catalog, "SHOW TABLES IN default_catalog.db1")));

        Execute(catalog, "USE db1");
        Assert.Equal(["db1"], Column(Execute(catalog, "SHOW CURRENT DATABASE")));
        Assert.Equal(["t"], Column(Execute(catalog, "SHOW TABLES")));
        Assert.NotNull(catalog.FindTable(new ObjectIdentifier("default_catalog", "db1", "t")));
        Execute(catalog, $"CREATE TABLE u {Table}");
        Assert.NotNull(catalog.FindTable(new ObjectIdentifier("default_catalog", "db1", "u")));
    }

    [Fact]
    public void Catalogs_AreCreatedWithTheirDefaultDatabase_UseCatalogSwitchesToIt()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE CATALOG c1 COMMENT 'mine' WITH ('type' = 'generic_in_memory')");
        Execute(catalog, "CREATE CATALOG c2 WITH ('type' = 'generic_in_memory', 'default-database' = 'sales')");
        Execute(catalog, "CREATE CATALOG IF NOT EXISTS c1 WITH ('type' = 'generic_in_memory')");
        Assert.Equal(["c1", "c2", "default_catalog"], Column(Execute(catalog, "SHOW CATALOGS")));
        Assert.Equal(["c1", "c2"], Column(Execute(catalog, "SHOW CATALOGS LIKE 'c_'")));
        Assert.Equal(["default"], Column(Execute(catalog, "SHOW DATABASES FROM c1")));

        Execute(catalog, "USE CATALOG c2");
        Assert.Equal(["c2"], Column(Execute(catalog, "SHOW CURRENT CATALOG")));
        Assert.Equal(["sales"], Column(Execute(catalog, "SHOW CURRENT DATABASE")));
        Execute(catalog, $"CREATE TABLE t {Table}");
        Assert.NotNull(catalog.FindTable(new ObjectIdentifier("c2", "sales", "t")));
        Execute(catalog, "USE default_catalog.default_database");
        Assert.Equal("default_catalog", catalog.CurrentCatalog);
        Assert.Equal("default_database", catalog.CurrentDatabase);
    }

    [Fact]
    public void CatalogsWithoutTypeOrOfOtherTypes_AreRejected()
    {
        var catalog = new InMemoryCatalog();
        Fails(catalog, "CREATE CATALOG h WITH ('default-database' = 'x')", "do not contain the key 'type'");
        var error = Fails(catalog, "CREATE CATALOG h WITH ('type' = 'hive')", "Catalog type 'hive' is not supported");
        Assert.Equal(1, error.Line);
        Assert.Equal(24, error.Column);
        Fails(catalog, "CREATE CATALOG h WITH ('type' = 'generic_in_memory', 'hive-conf-dir' = '/etc')", "Unsupported option 'hive-conf-dir'");
        Fails(catalog, "CREATE CATALOG default_catalog WITH ('type' = 'generic_in_memory')", "Catalog 'default_catalog' already exists");
        Assert.Single(catalog.ListCatalogs());
    }

    [Fact]
    public void MissingCatalogsAndDatabases_AreErrorsAtTheirName()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE DATABASE db1");
        Fails(catalog, "USE CATALOG nope", "Catalog 'nope' does not exist");
        var error = Fails(catalog, "USE dbx", "Database 'dbx' does not exist in catalog 'default_catalog'");
        Assert.Contains("db1", error.Message, StringComparison.Ordinal);
        Fails(catalog, $"CREATE TABLE nodb.t {Table}", "Database 'nodb' does not exist in catalog 'default_catalog'");
        Fails(catalog, $"CREATE TABLE nocat.db1.t {Table}", "Catalog 'nocat' does not exist");
        Fails(catalog, "CREATE VIEW nodb.v AS SELECT 1", "Database 'nodb' does not exist");
        Fails(catalog, "SHOW TABLES FROM nodb", "Database 'nodb' does not exist");
        Fails(catalog, "SHOW DATABASES FROM nocat", "Catalog 'nocat' does not exist");
        Fails(catalog, "CREATE DATABASE nocat.db", "Catalog 'nocat' does not exist");
        Assert.Equal("default_database", catalog.CurrentDatabase);
    }

    [Fact]
    public void DropDatabase_RestrictsByDefault_CascadeDropsItsTables_TheCurrentOneStays()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE DATABASE db1");
        Execute(catalog, $"CREATE TABLE db1.t {Table}");
        Fails(catalog, "DROP DATABASE db1", "Database 'db1' in catalog 'default_catalog' is not empty");
        Fails(catalog, "DROP DATABASE db1 RESTRICT", "is not empty");
        Fails(catalog, "DROP DATABASE default_database", "is the current database");
        Fails(catalog, "DROP DATABASE nodb", "Database 'nodb' does not exist");
        Execute(catalog, "DROP DATABASE IF EXISTS nodb");

        Execute(catalog, "DROP DATABASE db1 CASCADE");
        Assert.Null(catalog.FindDatabase("default_catalog", "db1"));
        Assert.Null(catalog.FindTable(new ObjectIdentifier("default_catalog", "db1", "t")));

        // A database created again under the same name starts empty.
        Execute(catalog, "CREATE DATABASE db1");
        Assert.Empty(Column(Execute(catalog, "SHOW TABLES FROM db1")));
    }

    [Fact]
    public void DropCatalog_RemovesItsDatabasesAndTables_ButNotTheCurrentOne()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE CATALOG c1 WITH ('type' = 'generic_in_memory')");
        Execute(catalog, $"CREATE TABLE c1.`default`.t {Table}");
        Fails(catalog, "DROP CATALOG default_catalog", "is the current catalog");
        Fails(catalog, "DROP CATALOG nope", "Catalog 'nope' does not exist");
        Execute(catalog, "DROP CATALOG IF EXISTS nope");
        Execute(catalog, "DROP CATALOG c1");
        Assert.Null(catalog.FindCatalog("c1"));
        Assert.Empty(catalog.ListTables("c1", "default"));
        Assert.Empty(catalog.ListDatabases("c1"));
    }

    [Fact]
    public void RenamingATable_IntoAMissingDatabase_IsAnError()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, $"CREATE TABLE t {Table}");
        Fails(catalog, "ALTER TABLE t RENAME TO nodb.t2", "Database 'nodb' does not exist");
        Execute(catalog, "CREATE DATABASE db1");
        Execute(catalog, "ALTER TABLE t RENAME TO db1.t2");
        Assert.NotNull(catalog.FindTable(new ObjectIdentifier("default_catalog", "db1", "t2")));
    }

    [Fact]
    public void ShowCreateCatalog_PrintsFlinks2Form_CommentAndSortedOptions()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE CATALOG cat2 WITH ('type' = 'generic_in_memory', 'default-database' = 'db')");
        Execute(catalog, "CREATE CATALOG `my cat` COMMENT 'it''s mine' WITH ('type' = 'generic_in_memory')");

        var result = Execute(catalog, "SHOW CREATE CATALOG cat2");

        Assert.Equal(["result"], result.ColumnNames);
        Assert.Equal("CREATE CATALOG `cat2`\nWITH (\n  'default-database' = 'db',\n  'type' = 'generic_in_memory'\n)\n", Column(result).Single());
        Assert.Equal("CREATE CATALOG `my cat`\nCOMMENT 'it''s mine'\nWITH (\n  'type' = 'generic_in_memory'\n)\n",
            Column(Execute(catalog, "SHOW CREATE CATALOG `my cat`")).Single());
        Fails(catalog, "SHOW CREATE CATALOG cat3", "Catalog 'cat3' does not exist");
    }

    [Fact]
    public void DescribeCatalog_ListsNameTypeComment_ExtendedAddsTheOtherOptions()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE CATALOG cat2 WITH ('type' = 'generic_in_memory', 'default-database' = 'db')");

        var plain = Execute(catalog, "DESCRIBE CATALOG cat2");
        var extended = Execute(catalog, "DESC CATALOG EXTENDED cat2");

        Assert.Equal(["info name", "info value"], plain.ColumnNames);
        Assert.Equal([["name", "cat2"], ["type", "generic_in_memory"], ["comment", ""]], plain.Rows.Select(r => r.Select(v => (string)v!).ToArray()));
        Assert.Equal([["name", "cat2"], ["type", "generic_in_memory"], ["comment", ""], ["option:default-database", "db"]],
            extended.Rows.Select(r => r.Select(v => (string)v!).ToArray()));
        Fails(catalog, "DESCRIBE CATALOG cat", "Catalog 'cat' does not exist");

        // A table named "catalog" is still described as a table.
        Execute(catalog, $"CREATE TABLE `catalog` {Table}");
        Assert.Equal(["a"], Column(Execute(catalog, "DESCRIBE `catalog`")));
    }

    [Fact]
    public void AlterCatalog_SetsResetsOptionsAndComment_KeepsItsDatabases_TypeCannotChange()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE CATALOG c1 WITH ('type' = 'generic_in_memory')");
        Execute(catalog, $"CREATE TABLE c1.`default`.t {Table}");

        Execute(catalog, "ALTER CATALOG c1 SET ('default-database' = 'sales')");
        Assert.Equal("sales", catalog.FindCatalog("c1")!.DefaultDatabase);
        Assert.Equal(["default", "sales"], Column(Execute(catalog, "SHOW DATABASES FROM c1")));
        Assert.NotNull(catalog.FindTable(new ObjectIdentifier("c1", "default", "t")));
        Execute(catalog, "USE CATALOG c1");
        Assert.Equal("sales", catalog.CurrentDatabase);

        Execute(catalog, "ALTER CATALOG c1 COMMENT 'renewed'");
        Execute(catalog, "ALTER CATALOG c1 RESET ('default-database')");
        Assert.Equal([["name", "c1"], ["type", "generic_in_memory"], ["comment", "renewed"]],
            Execute(catalog, "DESCRIBE CATALOG EXTENDED c1").Rows.Select(r => r.Select(v => (string)v!).ToArray()));
        Assert.Equal("default", catalog.FindCatalog("c1")!.DefaultDatabase);

        Fails(catalog, "ALTER CATALOG c1 RESET ('type')", "ALTER CATALOG RESET does not support changing 'type'");
        Fails(catalog, "ALTER CATALOG c1 SET ('type' = 'jdbc')", "cannot change the type");
        Fails(catalog, "ALTER CATALOG c1 SET ('color' = 'red')", "Unsupported option 'color'");
        Fails(catalog, "ALTER CATALOG c9 SET ('default-database' = 'x')", "Catalog 'c9' does not exist");
    }

    [Fact]
    public void AlterDatabase_MergesProperties_KeepsCommentAndTables()
    {
        var catalog = new InMemoryCatalog();
        Execute(catalog, "CREATE CATALOG c0 WITH ('type' = 'generic_in_memory')");
        Execute(catalog, "CREATE DATABASE c0.db2 COMMENT 'db2_comment' WITH ('k1' = 'v1', 'k3' = 'v3')");
        Execute(catalog, $"CREATE TABLE c0.db2.t {Table}");

        Execute(catalog, "ALTER DATABASE c0.db2 SET ('k1' = 'a', 'k2' = 'b')");

        var database = catalog.FindDatabase("c0", "db2")!;
        Assert.Equal("db2_comment", database.Comment);
        Assert.Equal(new Dictionary<string, string> { ["k1"] = "a", ["k2"] = "b", ["k3"] = "v3" }, database.Properties);
        Assert.NotNull(catalog.FindTable(new ObjectIdentifier("c0", "db2", "t")));
        Fails(catalog, "ALTER DATABASE c0.nodb SET ('k' = 'v')", "Database 'nodb' does not exist in catalog 'c0'");
    }

    [Theory]
    [InlineData("ALTER CATALOG c1 SET ('default-database' = 'db')")]
    [InlineData("ALTER CATALOG c1 RESET ('default-database', 'x')")]
    [InlineData("ALTER CATALOG c1 COMMENT 'new'")]
    [InlineData("ALTER DATABASE c1.db SET ('k' = 'v')")]
    [InlineData("SHOW CREATE CATALOG c1")]
    [InlineData("DESCRIBE CATALOG c1")]
    [InlineData("DESCRIBE CATALOG EXTENDED c1")]
    public void CatalogStatements_FormatCanonically_AndParseBack(string sql)
    {
        var formatted = SqlFormatter.Format(SqlParser.ParseStatement(sql));

        Assert.Equal(sql, formatted);
        Assert.Equal(formatted, SqlFormatter.Format(SqlParser.ParseStatement(formatted)));
    }
}
