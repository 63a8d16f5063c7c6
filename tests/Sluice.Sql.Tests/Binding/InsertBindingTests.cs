using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>INSERT INTO: column matching, implicit conversions and errors.</summary>
public class InsertBindingTests
{
    private static readonly Lazy<Sluice.Sql.Catalog.InMemoryCatalog> Sinks = new(() =>
    {
        var catalog = TestCatalogs.Standard();
        TestCatalogs.Run(catalog, """
            CREATE TABLE Out (
              id BIGINT NOT NULL,
              amount DECIMAL(20, 2),
              label VARCHAR(10),
              at TIMESTAMP(6),
              ingest TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
              part STRING,
              off BIGINT METADATA VIRTUAL,
              doubled AS amount * 2
            ) PARTITIONED BY (part) WITH ('connector' = 'filesystem');
            CREATE VIEW V AS SELECT 1 AS one;
            """);
        return catalog;
    });

    [Fact]
    public void Insert_ConvertsImplicitlyAndWritesPersistedColumnsInOrder()
    {
        var plan = Bind("INSERT INTO Out SELECT nn_bi, d52, c3, ts, ltz, s FROM T", Sinks.Value);
        var sink = Assert.IsType<Sink>(plan);
        Assert.Equal(["id", "amount", "label", "at", "ingest", "part"], sink.Columns);
        Assert.Equal("[id: BIGINT NOT NULL, amount: DECIMAL(20, 2), label: VARCHAR(10), at: TIMESTAMP(6), ingest: TIMESTAMP_LTZ(3), part: STRING]",
            sink.Schema.ToString());
    }

    [Fact]
    public void Insert_WithColumnList_FillsOtherColumnsWithNull()
    {
        var plan = Plan("INSERT INTO Out (part, id) SELECT s, bi FROM T", Sinks.Value);
        Assert.Contains("Project(exprs=[bi AS id, NULL:DECIMAL(20, 2) AS amount: DECIMAL(20, 2), NULL:VARCHAR(10) AS label: VARCHAR(10)",
            plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_WithStaticPartition_WritesTheConstant()
    {
        var plan = Plan("INSERT INTO Out PARTITION (part = 'p1') SELECT bi, d102, v10, ts6, ltz FROM T", Sinks.Value);
        Assert.Contains("'p1' AS part: STRING NOT NULL", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void InsertOverwrite_IsMarked() =>
        Assert.True(((Sink)Bind("INSERT OVERWRITE Out SELECT nn_bi, d52, c3, ts, ltz, s FROM T", Sinks.Value)).Overwrite);

    [Theory]
    [InlineData("INSERT INTO Out SELECT s, d52, c3, ts, ltz, s FROM T",
        "line 1, column 24: Incompatible types for sink column 'id' (position 1) of table 'Out': the query produces STRING, the column is BIGINT NOT NULL")]
    [InlineData("INSERT INTO Out SELECT bi, db, c3, ts, ltz, s FROM T",
        "line 1, column 28: Incompatible types for sink column 'amount' (position 2) of table 'Out': the query produces DOUBLE, the column is DECIMAL(20, 2)")]
    [InlineData("INSERT INTO Out SELECT bi FROM T",
        "line 1, column 17: Column count mismatch: the query returns 1 columns, but table 'Out' expects 6 (id, amount, label, at, ingest, part)")]
    [InlineData("INSERT INTO Out (amount) SELECT d52 FROM T", "line 1, column 13: Column 'id' of table 'Out' is NOT NULL, and the INSERT gives it no value")]
    [InlineData("INSERT INTO Out (id, off) SELECT bi, bi FROM T",
        "line 1, column 22: Column 'off' of table 'Out' is a virtual metadata column and cannot be written")]
    [InlineData("INSERT INTO Out (id, doubled) SELECT bi, d52 FROM T",
        "line 1, column 22: Column 'doubled' of table 'Out' is a computed column and cannot be written")]
    [InlineData("INSERT INTO Out (id, id) SELECT bi, bi FROM T", "line 1, column 22: Column 'id' is given more than once")]
    [InlineData("INSERT INTO Out (id, amont) SELECT bi, d52 FROM T", "line 1, column 22: Column 'amont' not found in table 'Out'; did you mean 'amount'?")]
    [InlineData("INSERT INTO Ot SELECT 1", "line 1, column 13: Table 'Ot' not found")]
    [InlineData("INSERT INTO V SELECT 1", "line 1, column 13: 'V' is a view; INSERT INTO needs a table")]
    [InlineData("INSERT INTO Out PARTITION (label = 'x') SELECT bi, d52, ts, ltz, s FROM T",
        "line 1, column 28: Column 'label' is not a partition column of table 'Out'")]
    public void InvalidInsert_IsRejected(string sql, string message) => BindFails(sql, message, Sinks.Value);
}
