using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Planning;
using Sluice.Sql.Planning.Rules;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Planning;

/// <summary>The optimizer shell: rule order, verification after every rule, switches, observer; and each rule.</summary>
public class OptimizerTests
{
    private static LogicalPlan OptimizeWith(string sql, params IPlanRule[] rules) => new Optimizer(rules).Optimize(Bind(sql));

    [Fact]
    public void DefaultRules_RunInOrder()
    {
        Assert.Equal(["ConstantFolding", "FilterMerge", "FilterPastProject", "FilterIntoJoin", "FilterMerge", "JoinKeyExpression", "ColumnPruning", "RankRecognition", "RankNumberPruning", "ProjectMerge", "IdentityProjectRemoval"],
            Optimizer.CreateDefault().Rules.Select(r => r.Name));
    }

    [Theory]
    [InlineData("SELECT 1 + 2 * 3 FROM T", "7")]
    [InlineData("SELECT 7 / 2 FROM T", "3")]
    [InlineData("SELECT -7 % 3 FROM T", "-1")]
    [InlineData("SELECT 1.5 + 2.25 FROM T", "3.75")]
    [InlineData("SELECT 10.0 / 4 FROM T", "2.500000000000")]
    [InlineData("SELECT 1.5e0 * 2 FROM T", "3E0")]
    [InlineData("SELECT 'a' || 'b' FROM T", "'ab'")]
    [InlineData("SELECT UPPER('abc') FROM T", "'ABC'")]
    [InlineData("SELECT 2 > 1 FROM T", "TRUE")]
    [InlineData("SELECT 'a' = 'a' FROM T", "TRUE")]
    [InlineData("SELECT NULL + 1 FROM T", "NULL:INT")]
    [InlineData("SELECT NOT (1 = 2) FROM T", "TRUE")]
    [InlineData("SELECT CAST(NULL AS INT) IS NULL FROM T", "TRUE")]
    [InlineData("SELECT CAST(2.7 AS INT) FROM T", "2")]
    [InlineData("SELECT CAST(5 AS DECIMAL(4, 2)) FROM T", "5.00")]
    [InlineData("SELECT b AND TRUE FROM T", "b")]
    [InlineData("SELECT b AND FALSE FROM T", "FALSE")]
    [InlineData("SELECT nn_i > 1 OR TRUE FROM T", "TRUE")]
    [InlineData("SELECT 1 IS DISTINCT FROM NULL FROM T", "TRUE")]
    [InlineData("SELECT i + (1 + 1) FROM T", "i + 2")]
    public void ConstantFolding_EvaluatesLiteralExpressions(string sql, string expected)
    {
        var project = Assert.IsType<Project>(OptimizeWith(sql, new ConstantFoldingRule()));
        var row = project.Input.Schema;
        Assert.Equal(expected, BoundExpressionFormatter.Format(project.Projections[0], i => row[i].Name));
    }

    [Theory]
    [InlineData("SELECT 2147483647 + 1 FROM T")]
    [InlineData("SELECT 1 / 0 FROM T")]
    [InlineData("SELECT CAST(300 AS TINYINT) FROM T")]
    [InlineData("SELECT CAST(123.45 AS DECIMAL(3, 1)) FROM T")]
    [InlineData("SELECT 'a' = 'a ' FROM T")]
    [InlineData("SELECT RAND() + 1 FROM T")]
    [InlineData("SELECT CURRENT_TIMESTAMP FROM T")]
    public void ConstantFolding_LeavesWhatCouldFailOrVaryForRunTime(string sql)
    {
        var bound = Bind(sql);
        var optimized = new Optimizer([new ConstantFoldingRule()]).Optimize(bound);
        Assert.Equal(bound.Explain(), optimized.Explain());
    }

    [Fact]
    public void ConstantFolding_RemovesAlwaysTrueFilters_AndEmptiesNeverTrueOnes()
    {
        Assert.IsType<TableScan>(OptimizeWith("SELECT * FROM T WHERE 1 = 1", new ConstantFoldingRule(), new IdentityProjectRemovalRule()));
        var empty = OptimizeWith("SELECT * FROM T WHERE 1 = 2 OR NULL", new ConstantFoldingRule(), new IdentityProjectRemovalRule());
        var values = Assert.IsType<Values>(empty);
        Assert.Empty(values.Rows);
        Assert.Equal(Bind("SELECT * FROM T").Schema, values.Schema);
    }

    [Fact]
    public void FilterMerge_CombinesStackedFilters()
    {
        var plan = OptimizeWith("SELECT * FROM (SELECT * FROM T WHERE i > 1) WHERE s = 'x'",
            new FilterMergeRule(), new ProjectMergeRule(), new IdentityProjectRemovalRule());
        Assert.Equal("Filter(condition=[i > 1 AND s = 'x'])", plan.ExplainNode(PlanSchema.Empty));
        Assert.IsType<TableScan>(plan.Inputs[0]);
    }

    [Fact]
    public void ProjectMerge_InlinesInnerProjections()
    {
        var plan = OptimizeWith("SELECT a + 1 AS b FROM (SELECT i * 2 AS a, s FROM T)", new ProjectMergeRule());
        Assert.Equal("Project(exprs=[i * 2 + 1 AS b: INT])", plan.ExplainNode(PlanSchema.Empty).Replace("$2", "i", StringComparison.Ordinal));
        Assert.IsType<TableScan>(plan.Inputs[0]);
    }

    [Fact]
    public void ProjectMerge_DoesNotComputeAnExpressionTwice()
    {
        var plan = OptimizeWith("SELECT a + a AS b FROM (SELECT i * 2 AS a FROM T)", new ProjectMergeRule());
        Assert.IsType<Project>(plan.Inputs[0]);
    }

    [Fact]
    public void ProjectMerge_KeepsTimeAttributes()
    {
        var plan = OptimizeWith("SELECT t FROM (SELECT ts AS t, ts + INTERVAL '1' SECOND AS u FROM T)", new ProjectMergeRule());
        Assert.Equal("t: TIMESTAMP(3) *ROWTIME*", plan.Schema[0].ToString());
    }

    [Fact]
    public void IdentityProjectRemoval_DropsSelectStar()
    {
        Assert.IsType<TableScan>(OptimizeWith("SELECT * FROM T", new IdentityProjectRemovalRule()));
        Assert.IsType<Project>(OptimizeWith("SELECT s AS renamed FROM (SELECT s FROM T)", new IdentityProjectRemovalRule()));
    }

    [Fact]
    public void Verify_RejectsARuleThatChangesTheSchema()
    {
        var error = Assert.Throws<SluiceException>(() => OptimizeWith("SELECT s FROM T", new RenamingRule()));
        Assert.Equal(ErrorDomain.Internal, error.Domain);
        Assert.StartsWith("Rule Renaming changed the output schema from [s: STRING] to [renamed: STRING]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RejectsOutOfRangeReferences()
    {
        var error = Assert.Throws<SluiceException>(() => OptimizeWith("SELECT s FROM T WHERE b", new ShiftingRule()));
        Assert.Contains("Invalid logical plan from rule Shifting: Filter: input reference $99 is out of range (the row has 32 columns)",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RejectsReferencesOfTheWrongType()
    {
        var scan = Bind("SELECT * FROM T").Inputs[0];
        var bad = new Filter(scan, new BoundInputRef(0, "ti", DataTypes.Boolean()));
        var error = Assert.Throws<SluiceException>(() => PlanVerifier.Verify(bad, "test"));
        Assert.Contains("Filter: input reference $0 has type BOOLEAN, but column 'ti' is TINYINT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisabledRule_IsSkipped_AndObserverSeesEveryStep()
    {
        var steps = new List<OptimizerStep>();
        var optimizer = new Optimizer(Optimizer.CreateDefault().Rules)
        {
            DisabledRules = new HashSet<string> { "IdentityProjectRemoval" },
            Observer = steps.Add,
        };
        var plan = optimizer.Optimize(Bind("SELECT * FROM T WHERE 1 = 1"));
        Assert.IsType<Project>(plan);
        Assert.DoesNotContain(steps, s => s.RuleName == "IdentityProjectRemoval");
        Assert.Contains(steps, s => s.RuleName == "ConstantFolding" && s.Changed && s.Pass == 0);
        Assert.Equal(1, steps.Max(s => s.Pass));
    }

    [Fact]
    public void Optimize_KeepsTheSchemaOfEveryGoldenShapedQuery()
    {
        foreach (var sql in new[]
        {
            "SELECT * FROM (SELECT s, COUNT(*) AS n FROM T GROUP BY s) WHERE n > 1 AND 1 = 1",
            "SELECT a.s, b.i FROM T AS a LEFT JOIN T AS b ON a.i = b.i WHERE a.b",
            "SELECT ts, COUNT(*) OVER (ORDER BY ts) FROM (SELECT * FROM T WHERE i > 0)",
        })
        {
            var bound = Bind(sql);
            Assert.Equal(bound.Schema, Planner.Optimize(bound).Schema);
        }
    }

    [Fact]
    public void ColumnPruning_NarrowsJoinInputsToTheColumnsReadAbove()
    {
        var plan = OptimizeWith("SELECT a.s, b.bi FROM T AS a JOIN T AS b ON a.i = b.i", new ColumnPruningRule());
        var join = Assert.IsType<Join>(Assert.IsType<Project>(plan).Input);
        Assert.Equal(["i", "s"], Assert.IsType<Project>(join.Left).Schema.Names);
        Assert.Equal(["i", "bi"], Assert.IsType<Project>(join.Right).Schema.Names);
        Assert.Equal("Join(type=[INNER], condition=[i = i0])", join.ExplainNode(PlanSchema.Empty));
    }

    [Fact]
    public void ColumnPruning_PassesFilterColumnsDownAndNarrowsBelowOverWindows()
    {
        var filtered = OptimizeWith("SELECT a.s FROM T AS a JOIN T AS b ON a.i = b.i WHERE a.bi > b.nn_bi", new ColumnPruningRule()).Explain();
        Assert.Contains("    Project(exprs=[i, bi, s])", filtered, StringComparison.Ordinal);
        Assert.Contains("    Project(exprs=[i, nn_bi])", filtered, StringComparison.Ordinal);
        var over = OptimizeWith("SELECT s, COUNT(*) OVER (PARTITION BY s ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM T",
            new ColumnPruningRule()).Explain();
        Assert.Contains("Project(exprs=[s, ts])", over, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnPruning_IsStableAndKeepsTheSchema()
    {
        const string sql = "SELECT a.s FROM T AS a WHERE a.i IN (SELECT b.nn_i FROM T AS b WHERE b.s = a.s)";
        var once = OptimizeWith(sql, new ColumnPruningRule());
        Assert.False(new ColumnPruningRule().Rewrite(once, new OptimizerContext()).IsTransformed);
        Assert.Equal(Bind(sql).Schema, once.Schema);
    }

    /// <summary>A broken rule: renames the first column.</summary>
    private sealed class RenamingRule : IPlanRule
    {
        public string Name => "Renaming";

        public ApplyOrder? Order => null;

        public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context) =>
            Transformed.Yes<LogicalPlan>(new Project(plan, [new BoundInputRef(0, "s", plan.Schema[0].Type)], ["renamed"]));
    }

    /// <summary>A broken rule: points filter conditions at a column that does not exist.</summary>
    private sealed class ShiftingRule : IPlanRule
    {
        public string Name => "Shifting";

        public ApplyOrder? Order => ApplyOrder.TopDown;

        public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context) => plan is Filter filter
            ? Transformed.Yes<LogicalPlan>(new Filter(filter.Input, new BoundInputRef(99, "b", DataTypes.Boolean())))
            : Transformed.No(plan);
    }
}
