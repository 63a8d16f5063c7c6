using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.MatchRecognize;
using Sluice.Sql.Physical.Planning;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.MatchRecognize;

/// <summary>
/// Builds <see cref="MatchRecognizeOperator"/>s from SQL over <c>E (k STRING, id BIGINT, v BIGINT, ts TIMESTAMP(3) rowtime)</c>
/// or <c>P (k, id, v, pt AS PROCTIME())</c>, and feeds them rows <c>(k, id, v, ms)</c>.
/// </summary>
internal static class MatchTesting
{
    private static readonly Lazy<InMemoryCatalog> Catalog = new(() =>
    {
        var catalog = new InMemoryCatalog();
        foreach (var ddl in new[]
        {
            "CREATE TABLE E (k STRING, id BIGINT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen')",
            "CREATE TABLE P (k STRING, id BIGINT, v BIGINT, pt AS PROCTIME()) WITH ('connector' = 'datagen')",
        })
        {
            Planner.Execute(SqlParser.ParseStatement(ddl), catalog);
        }

        return catalog;
    });

    /// <summary>The input schema of table E.</summary>
    public static Schema Input => InputOf("E");

    /// <summary>The input schema of a table.</summary>
    public static Schema InputOf(string table) =>
        Match($"SELECT * FROM {table} MATCH_RECOGNIZE (ORDER BY {(table == "P" ? "pt" : "ts")} PATTERN (A) DEFINE A AS TRUE)").Input.Schema.ToSchema();

    /// <summary>The operator of <c>SELECT * FROM table MATCH_RECOGNIZE (clauses)</c>.</summary>
    public static MatchRecognizeOperator Create(string clauses, string table = "E")
    {
        var match = Match($"SELECT * FROM {table} MATCH_RECOGNIZE ({clauses})");
        var schema = match.Input.Schema.ToSchema();
        return new MatchRecognizeOperator(PhysicalPlanner.MatchSpec(match, schema, PhysicalPlanner.SlotSpecs(match, e => ((BoundInputRef)e).Index)));
    }

    private static Sluice.Sql.Planning.MatchRecognize Match(string sql)
    {
        LogicalPlan node = Planner.Bind(SqlParser.ParseStatement(sql), Catalog.Value);
        while (node is not Sluice.Sql.Planning.MatchRecognize)
        {
            node = node.Inputs[0];
        }

        return (Sluice.Sql.Planning.MatchRecognize)node;
    }

    /// <summary>A batch of rows <c>(k, id, v, ms)</c> of table E.</summary>
    public static RecordBatch Rows(params (string K, long Id, long V, long Ms)[] rows) =>
        Batch(Input, rows.Select(r => R("+I", r.K, r.Id, r.V, Ms(r.Ms))).ToArray());

    /// <summary>Runs rows through a fresh operator, a watermark after each batch, and returns its output rows.</summary>
    public static List<string> Run(string clauses, params (string K, long Id, long V, long Ms)[] rows)
    {
        using var harness = new OperatorHarness(Create(clauses));
        harness.ProcessBatch(Rows(rows));
        harness.EndInput();
        return Output(harness);
    }

    /// <summary>The output rows of a harness, as <c>+I[...]</c> with times in epoch milliseconds.</summary>
    public static List<string> Output(OperatorHarness harness) => Windows.TimeRows.Rows(harness);

    /// <summary>The subtask of <paramref name="parallelism"/> that owns <paramref name="key"/> (hash of column k).</summary>
    public static int SubtaskOf(string key, int parallelism)
    {
        using var batch = Rows((key, 0, 0, 0));
        Span<int> hash = stackalloc int[1];
        new RecordBatchKeySelector([0]).ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }
}
