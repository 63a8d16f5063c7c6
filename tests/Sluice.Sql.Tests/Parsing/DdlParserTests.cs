using Sluice.Sql.Ast;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Parsing;

public class DdlParserTests
{
    private const string Orders = """
        CREATE TABLE cat.db.Orders (
          order_id BIGINT NOT NULL COMMENT 'the id',
          price DECIMAL(10, 2),
          tax AS price * 0.19,
          event_time TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
          headers MAP<STRING, BYTES> METADATA,
          WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND,
          PRIMARY KEY (order_id) NOT ENFORCED
        ) COMMENT 'orders'
        PARTITIONED BY (order_id)
        WITH ('connector' = 'kafka', 'topic' = 'orders')
        """;

    [Fact]
    public void CreateTable_AllColumnKinds_Recorded()
    {
        var table = Statement<CreateTableStatement>(Orders);
        Assert.Equal(["cat", "db", "Orders"], table.Name.Parts.Select(p => p.Value));
        Assert.Equal(5, table.Columns.Count);

        var id = Assert.IsType<PhysicalColumn>(table.Columns[0]);
        Assert.Equal("order_id", id.Name.Value);
        Assert.True(id.Type.IsNotNull);
        Assert.Equal("the id", id.Comment);

        var tax = Assert.IsType<ComputedColumn>(table.Columns[2]);
        Assert.Equal("price * 0.19", tax.Expression.ToString());

        var time = Assert.IsType<MetadataColumn>(table.Columns[3]);
        Assert.Equal("timestamp", time.MetadataKey);
        Assert.True(time.IsVirtual);
        Assert.Equal(PrimitiveTypeName.TimestampLtz, Assert.IsType<PrimitiveDataType>(time.Type).Name);

        var watermark = Assert.Single(table.Watermarks);
        Assert.Equal("event_time", watermark.Column.Last.Value);
        Assert.Equal("event_time - INTERVAL '5' SECOND", watermark.Strategy.ToString());

        Assert.Equal("order_id", Assert.Single(table.PrimaryKey!.Columns).Value);
        Assert.False(table.PrimaryKey.IsEnforced);
        Assert.Equal("orders", table.Comment);
        Assert.Equal("order_id", Assert.Single(table.PartitionedBy).Value);
        Assert.Equal([("connector", "kafka"), ("topic", "orders")], table.Options.Select(o => (o.Key, o.Value)));
        Assert.False(table.IsTemporary);
        Assert.Null(table.Like);
    }

    [Fact]
    public void CreateTable_MetadataColumnWithoutKey_HasNoKey()
    {
        var headers = Assert.IsType<MetadataColumn>(Statement<CreateTableStatement>(Orders).Columns[4]);
        Assert.Null(headers.MetadataKey);
        Assert.False(headers.IsVirtual);
        Assert.IsType<MapDataType>(headers.Type);
    }

    [Fact]
    public void CreateTable_Canonical_ColumnsThenWatermarksThenKey()
    {
        Assert.Equal(
            "CREATE TABLE cat.db.Orders (order_id BIGINT NOT NULL COMMENT 'the id', price DECIMAL(10, 2), tax AS price * 0.19, "
            + "event_time TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL, headers MAP<STRING, BYTES> METADATA, "
            + "WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND, PRIMARY KEY (order_id) NOT ENFORCED) "
            + "COMMENT 'orders' PARTITIONED BY (order_id) WITH ('connector' = 'kafka', 'topic' = 'orders')",
            Canonical(Orders));
    }

    [Fact]
    public void CreateTable_InlinePrimaryKey_StaysOnTheColumn()
    {
        var table = Statement<CreateTableStatement>("CREATE TEMPORARY TABLE IF NOT EXISTS t (id INT CONSTRAINT pk PRIMARY KEY NOT ENFORCED) WITH ('connector' = 'print')");
        Assert.True(table.IsTemporary);
        Assert.True(table.IfNotExists);
        var id = Assert.IsType<PhysicalColumn>(Assert.Single(table.Columns));
        Assert.Equal("pk", id.PrimaryKey!.ConstraintName!.Value);
        Assert.Empty(id.PrimaryKey.Columns);
        Assert.Null(table.PrimaryKey);
    }

    [Fact]
    public void CreateTable_Enforced_IsRecordedForTheBinderToReject()
    {
        var table = Statement<CreateTableStatement>("CREATE TABLE t (id INT, PRIMARY KEY (id) ENFORCED) WITH ('connector' = 'print')");
        Assert.True(table.PrimaryKey!.IsEnforced);
    }

    [Fact]
    public void CreateTable_Like_RecordsMergeOptions()
    {
        var table = Statement<CreateTableStatement>(
            "CREATE TABLE t2 WITH ('connector' = 'blackhole') LIKE t1 (EXCLUDING ALL INCLUDING GENERATED OVERWRITING OPTIONS)");
        Assert.Empty(table.Columns);
        Assert.Equal("t1", table.Like!.Source.Last.Value);
        Assert.Equal(
            [(LikeMergeStrategy.Excluding, LikeFeature.All), (LikeMergeStrategy.Including, LikeFeature.Generated), (LikeMergeStrategy.Overwriting, LikeFeature.Options)],
            table.Like.Options.Select(o => (o.Strategy, o.Feature)));
    }

    [Fact]
    public void CreateTable_AsSelect_RecordsQuery()
    {
        var table = Statement<CreateTableStatement>("CREATE TABLE t WITH ('connector' = 'print') AS SELECT * FROM src");
        Assert.Equal("SELECT * FROM src", table.AsQuery!.ToString());
    }

    [Fact]
    public void CreateTable_ColumnNamedLikeAKeyword_IsAColumn()
    {
        var table = Statement<CreateTableStatement>("CREATE TABLE t (watermark INT, primary STRING, constraint BIGINT, comment STRING) WITH ('connector' = 'print')");
        Assert.Equal(["watermark", "primary", "constraint", "comment"], table.Columns.Select(c => c.Name.Value));
        Assert.All(table.Columns, c => Assert.IsType<PhysicalColumn>(c));
    }

    [Theory]
    [InlineData("CREATE VIEW v AS SELECT 1", "CREATE VIEW v AS SELECT 1")]
    [InlineData("create temporary view if not exists db.v (x) comment 'c' as select a from t", "CREATE TEMPORARY VIEW IF NOT EXISTS db.v (x) COMMENT 'c' AS SELECT a FROM t")]
    [InlineData("CREATE FUNCTION f AS 'com.x.F'", "CREATE FUNCTION f AS 'com.x.F'")]
    [InlineData("CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'com.x.F' LANGUAGE SCALA", "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'com.x.F' LANGUAGE SCALA")]
    [InlineData("CREATE FUNCTION f AS 'm.f' LANGUAGE PYTHON USING JAR 'a.jar', JAR 'b.jar'", "CREATE FUNCTION f AS 'm.f' LANGUAGE PYTHON USING JAR 'a.jar', JAR 'b.jar'")]
    [InlineData("CREATE CATALOG c WITH ('type' = 'jdbc')", "CREATE CATALOG c WITH ('type' = 'jdbc')")]
    [InlineData("CREATE DATABASE IF NOT EXISTS c.d COMMENT 'x'", "CREATE DATABASE IF NOT EXISTS c.d COMMENT 'x'")]
    [InlineData("DROP TABLE IF EXISTS c.d.t", "DROP TABLE IF EXISTS c.d.t")]
    [InlineData("DROP TEMPORARY TABLE t", "DROP TEMPORARY TABLE t")]
    [InlineData("DROP VIEW v", "DROP VIEW v")]
    [InlineData("DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f", "DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f")]
    [InlineData("DROP DATABASE d RESTRICT", "DROP DATABASE d RESTRICT")]
    [InlineData("alter function c.d.f as 'x.G'", "ALTER FUNCTION c.d.f AS 'x.G'")]
    [InlineData("ALTER TEMPORARY FUNCTION IF EXISTS f AS 'x.G' LANGUAGE CSHARP", "ALTER TEMPORARY FUNCTION IF EXISTS f AS 'x.G' LANGUAGE CSHARP")]
    [InlineData("ALTER TEMPORARY SYSTEM FUNCTION f AS 'x.G'", "ALTER TEMPORARY SYSTEM FUNCTION f AS 'x.G'")]
    [InlineData("DROP CATALOG IF EXISTS c", "DROP CATALOG IF EXISTS c")]
    [InlineData("ALTER TABLE t RENAME TO u", "ALTER TABLE t RENAME TO u")]
    [InlineData("ALTER TABLE IF EXISTS t SET ('a' = 'b')", "ALTER TABLE IF EXISTS t SET ('a' = 'b')")]
    [InlineData("ALTER TABLE t RESET ('a', 'b')", "ALTER TABLE t RESET ('a', 'b')")]
    [InlineData("ALTER TABLE t ADD c INT", "ALTER TABLE t ADD (c INT)")]
    [InlineData("alter table t add (c int comment 'x' first, d as c + 1 after c, primary key (c) not enforced, watermark for ts as ts)",
        "ALTER TABLE t ADD (c INT COMMENT 'x' FIRST, d AS c + 1 AFTER c, PRIMARY KEY (c) NOT ENFORCED, WATERMARK FOR ts AS ts)")]
    [InlineData("ALTER TABLE IF EXISTS t MODIFY (m STRING METADATA FROM 'k' VIRTUAL)", "ALTER TABLE IF EXISTS t MODIFY (m STRING METADATA FROM 'k' VIRTUAL)")]
    [InlineData("ALTER TABLE t MODIFY CONSTRAINT pk PRIMARY KEY (a, b) NOT ENFORCED", "ALTER TABLE t MODIFY (CONSTRAINT pk PRIMARY KEY (a, b) NOT ENFORCED)")]
    [InlineData("ALTER TABLE t DROP c", "ALTER TABLE t DROP (c)")]
    [InlineData("ALTER TABLE t DROP (c, d)", "ALTER TABLE t DROP (c, d)")]
    [InlineData("ALTER TABLE t DROP PRIMARY KEY", "ALTER TABLE t DROP PRIMARY KEY")]
    [InlineData("ALTER TABLE t DROP CONSTRAINT pk", "ALTER TABLE t DROP CONSTRAINT pk")]
    [InlineData("ALTER TABLE t DROP WATERMARK", "ALTER TABLE t DROP WATERMARK")]
    [InlineData("ALTER TABLE t RENAME a TO b", "ALTER TABLE t RENAME a TO b")]
    public void Ddl_Statements_Canonical(string sql, string expected) => Assert.Equal(expected, Canonical(sql));

    [Fact]
    public void AlterFunction_And_DescribeFunction_AreStatementsOfTheirOwn_ATableNamedFunctionStaysATable()
    {
        var alter = Statement<AlterFunctionStatement>("ALTER TEMPORARY FUNCTION IF EXISTS db.f AS 'x.G' LANGUAGE JAVA");
        Assert.True(alter is { IsTemporary: true, IsSystem: false, IfExists: true, ClassName: "x.G", Language: FunctionLanguage.Java });
        Assert.Equal(["db", "f"], alter.Name.Parts.Select(p => p.Value));

        var describe = Statement<DescribeFunctionStatement>("DESC FUNCTION EXTENDED c.d.f");
        Assert.True(describe.IsExtended);
        Assert.Equal("DESCRIBE FUNCTION EXTENDED c.d.f", Canonical("desc function extended c.d.f"));
        Assert.Equal("DESCRIBE FUNCTION f", Canonical("DESCRIBE FUNCTION f"));
        Assert.Equal("function", Statement<DescribeStatement>("DESCRIBE function").Name.Last.Value);
    }

    [Fact]
    public void CreateFunction_RecordsClassLanguageAndJars()
    {
        var function = Statement<CreateFunctionStatement>("CREATE TEMPORARY SYSTEM FUNCTION f AS 'com.x.F' LANGUAGE JAVA USING JAR '/a.jar'");
        Assert.True(function.IsTemporary);
        Assert.True(function.IsSystem);
        Assert.Equal("com.x.F", function.ClassName);
        Assert.Equal(FunctionLanguage.Java, function.Language);
        Assert.Equal("/a.jar", Assert.Single(function.Jars).Value);
    }

    [Fact]
    public void Drop_RecordsKindAndFlags()
    {
        var drop = Statement<DropStatement>("DROP TEMPORARY VIEW IF EXISTS v");
        Assert.Equal(DropObjectKind.View, drop.Kind);
        Assert.True(drop.IsTemporary);
        Assert.True(drop.IfExists);
        Assert.False(drop.IsSystem);
    }

    [Fact]
    public void AlterTable_Set_RecordsOptions()
    {
        var alter = Statement<AlterTableSetStatement>("ALTER TABLE t SET ('k1' = 'v1', 'k2' = 'v2')");
        Assert.Equal(["k1", "k2"], alter.Options.Select(o => o.Key));
    }

    [Fact]
    public void CreateTable_DistributedByHash_RecordsEveryPart()
    {
        const string sql = "CREATE TABLE t (uid BIGINT, name STRING) COMMENT 'c' DISTRIBUTED BY HASH(uid, name) INTO 4 BUCKETS PARTITIONED BY (name) WITH ('k' = 'v')";
        var table = Statement<CreateTableStatement>(sql);
        var distribution = table.Distribution!;
        Assert.Equal(DistributionKind.Hash, distribution.Kind);
        Assert.Equal(["uid", "name"], distribution.Columns.Select(c => c.Value));
        Assert.Equal("4", distribution.BucketCount!.Text);
        Assert.Equal(sql.IndexOf("DISTRIBUTED", StringComparison.Ordinal), distribution.Span.Start);
        Assert.Equal(sql.IndexOf(" PARTITIONED", StringComparison.Ordinal), distribution.Span.End);
        Assert.Equal(sql.IndexOf("uid,", StringComparison.Ordinal), distribution.Columns[0].Span.Start);
        Assert.Equal(sql.IndexOf('4'), distribution.BucketCount.Span.Start);
        Assert.Equal("name", Assert.Single(table.PartitionedBy).Value);
    }

    [Theory]
    [InlineData("DISTRIBUTED BY (uid)", DistributionKind.Unknown, "uid", null)]
    [InlineData("DISTRIBUTED BY RANGE(uid) INTO 2 BUCKETS", DistributionKind.Range, "uid", "2")]
    [InlineData("DISTRIBUTED INTO 3 BUCKETS", DistributionKind.Unknown, "", "3")]
    [InlineData("distributed by hash (uid)", DistributionKind.Hash, "uid", null)]
    public void CreateTable_DistributionForms_Parse(string clause, DistributionKind kind, string columns, string? count)
    {
        var distribution = Statement<CreateTableStatement>($"CREATE TABLE t (uid BIGINT) {clause} WITH ('k' = 'v')").Distribution!;
        Assert.Equal(kind, distribution.Kind);
        Assert.Equal(columns, string.Join(",", distribution.Columns.Select(c => c.Value)));
        Assert.Equal(count, distribution.BucketCount?.Text);
    }

    [Fact]
    public void CreateTable_WithoutDistribution_HasNone() =>
        Assert.Null(Statement<CreateTableStatement>("CREATE TABLE t (a INT) WITH ('k' = 'v')").Distribution);

    [Fact]
    public void AlterTable_DistributionActions_Parse()
    {
        var add = Statement<AlterTableDistributionStatement>("ALTER TABLE IF EXISTS t ADD DISTRIBUTION BY HASH(a) INTO 4 BUCKETS");
        Assert.Equal(AlterDistributionAction.Add, add.Action);
        Assert.True(add.IfExists);
        Assert.Equal(DistributionKind.Hash, add.Distribution!.Kind);
        Assert.Equal(28, add.Distribution.Span.Start);

        var modify = Statement<AlterTableDistributionStatement>("ALTER TABLE t MODIFY DISTRIBUTION INTO 2 BUCKETS");
        Assert.Equal(AlterDistributionAction.Modify, modify.Action);
        Assert.Empty(modify.Distribution!.Columns);
        Assert.Equal("2", modify.Distribution.BucketCount!.Text);

        var drop = Statement<AlterTableDistributionStatement>("ALTER TABLE t DROP DISTRIBUTION");
        Assert.Equal(AlterDistributionAction.Drop, drop.Action);
        Assert.Null(drop.Distribution);
    }

    [Fact]
    public void AlterTable_AddColumnNamedDistribution_IsAColumn()
    {
        var alter = Statement<AlterTableSchemaStatement>("ALTER TABLE t ADD distribution STRING");
        Assert.Equal("distribution", Assert.Single(alter.Components).Column!.Name.Value);
    }

    [Fact]
    public void CreateTableLike_DistributionOption_Parses()
    {
        var like = Statement<CreateTableStatement>("CREATE TABLE t2 WITH ('k' = 'v') LIKE t (EXCLUDING DISTRIBUTION)").Like!;
        var option = Assert.Single(like.Options);
        Assert.Equal(LikeMergeStrategy.Excluding, option.Strategy);
        Assert.Equal(LikeFeature.Distribution, option.Feature);
    }
}
