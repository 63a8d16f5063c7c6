using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>
/// <c>/*+ OPTIONS(...) */</c> table hints (Flink's dynamic table options): they override the table's options for one
/// reference, in FROM, in a join and on the target of INSERT INTO, and leave the catalog's table as it was.
/// </summary>
public class TableHintTests
{
    private static TableScan Scan(LogicalPlan plan) =>
        plan as TableScan ?? plan.Inputs.Select(Scan).First();

    [Fact]
    public void Options_hint_overrides_and_adds_options_of_one_scan()
    {
        var scan = Scan(Bind("SELECT * FROM ShipEvent /*+ OPTIONS('topic' = 'other', 'scan.startup.mode' = 'earliest-offset') */"));
        Assert.Equal("other", scan.Table.Options["topic"]);
        Assert.Equal("earliest-offset", scan.Table.Options["scan.startup.mode"]);
        Assert.Equal("json", scan.Table.Options["format"]);

        var plain = Scan(Bind("SELECT * FROM ShipEvent"));
        Assert.Equal("ship-events", plain.Table.Options["topic"]);
        Assert.False(plain.Table.Options.ContainsKey("scan.startup.mode"));
    }

    [Fact]
    public void Each_reference_keeps_its_own_hints()
    {
        var plan = Bind("""
            SELECT * FROM ShipEvent /*+ OPTIONS('topic' = 'a') */ AS x
            JOIN ShipEvent /*+ OPTIONS('topic' = 'b') */ AS y ON x.trackingNumber = y.trackingNumber
            """);
        var topics = Scans(plan).Select(s => s.Table.Options["topic"]).Order().ToList();
        Assert.Equal(["a", "b"], topics);
    }

    [Fact]
    public void Options_hint_applies_to_the_target_of_insert()
    {
        var sink = Assert.IsType<Sink>(Bind("INSERT INTO ShipRoute /*+ OPTIONS('topic' = 'routes-copy') */ SELECT * FROM ShipRoute"));
        Assert.Equal("routes-copy", sink.Table.Options["topic"]);
        Assert.Equal("ship-routes", Scan(sink.Input).Table.Options["topic"]);
    }

    [Fact]
    public void Hints_that_are_not_table_options_are_positioned_errors()
    {
        BindFails("SELECT * FROM ShipEvent /*+ LOOKUP('table' = 'ShipEvent') */",
            "line 1, column 29: Unknown table hint 'LOOKUP': the table hint is OPTIONS('key' = 'value', ...)");
        BindFails("SELECT * FROM ShipEvent /*+ OPTIONS('topic') */",
            "line 1, column 37: An OPTIONS hint takes 'key' = 'value' pairs");
        BindFails("WITH w AS (SELECT * FROM ShipEvent) SELECT * FROM w /*+ OPTIONS('topic' = 'x') */",
            "line 1, column 57: 'w' is a view or WITH item: OPTIONS hints can only be applied to tables");
    }

    private static IEnumerable<TableScan> Scans(LogicalPlan plan) =>
        plan is TableScan scan ? [scan] : plan.Inputs.SelectMany(Scans);
}
