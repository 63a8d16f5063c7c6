using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Planning;

/// <summary>
/// Top-N (Flink's <c>Rank</c>): per partition, the rows ranked <see cref="RankStart"/>..<see cref="RankEnd"/> by the
/// order keys, from the pattern <c>SELECT * FROM (SELECT ..., ROW_NUMBER() OVER (PARTITION BY k ORDER BY s) AS rn
/// FROM t) WHERE rn &lt;= N</c>. Recognized by <see cref="Rules.RankRecognitionRule"/>; with <c>ROW_NUMBER</c>, a
/// range of 1..1 and a time attribute as the only order key it is a deduplication (<see cref="IsDeduplication"/>).
/// Output: the input columns, then the rank number (BIGINT NOT NULL).
/// </summary>
public sealed class Rank : LogicalPlan
{
    /// <summary>Creates the node.</summary>
    /// <param name="input">The ranked rows.</param>
    /// <param name="partitionKeys">The PARTITION BY columns of the input.</param>
    /// <param name="orderKeys">The ORDER BY keys (input references).</param>
    /// <param name="function">ROW_NUMBER, RANK or DENSE_RANK.</param>
    /// <param name="rankStart">The first rank kept (at least 1).</param>
    /// <param name="rankEnd">The last rank kept.</param>
    /// <param name="rankName">The name of the rank number column.</param>
    /// <param name="outputRankNumber">Whether the rank number is an output column (false when nothing above reads it).</param>
    public Rank(LogicalPlan input, NodeList<int> partitionKeys, NodeList<BoundSortKey> orderKeys, FunctionDefinition function,
        long rankStart, long rankEnd, string rankName, bool outputRankNumber = true)
        : base(outputRankNumber
            ? new PlanSchema(input.Schema.Append(new PlanColumn(rankName, Core.Types.DataTypes.BigInt().NotNull())))
            : input.Schema)
    {
        OutputRankNumber = outputRankNumber;
        Input = input;
        PartitionKeys = partitionKeys;
        OrderKeys = orderKeys;
        Function = function;
        RankStart = rankStart;
        RankEnd = rankEnd;
        RankName = rankName;
    }

    /// <summary>The ranked rows.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The PARTITION BY columns of the input.</summary>
    public NodeList<int> PartitionKeys { get; }

    /// <summary>The ORDER BY keys, over the input row.</summary>
    public NodeList<BoundSortKey> OrderKeys { get; }

    /// <summary>ROW_NUMBER, RANK or DENSE_RANK.</summary>
    public FunctionDefinition Function { get; }

    /// <summary>The first rank kept (1-based).</summary>
    public long RankStart { get; }

    /// <summary>The last rank kept.</summary>
    public long RankEnd { get; }

    /// <summary>Whether the rank number is the last output column.</summary>
    public bool OutputRankNumber { get; }

    /// <summary>The name of the rank number column.</summary>
    public string RankName { get; }

    /// <summary>
    /// True for Flink's deduplication: <c>ROW_NUMBER</c>, only rank 1, ordered by one time attribute (ascending keeps
    /// the first row per partition, descending the last).
    /// </summary>
    public bool IsDeduplication =>
        ReferenceEquals(Function, BuiltInFunctions.RowNumber) && RankStart == 1 && RankEnd == 1 && OrderKeys.Count == 1
        && OrderKeys[0].Expression is BoundInputRef r && Input.Schema[r.Index].TimeAttribute != TimeAttribute.None;

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => IsDeduplication ? "Deduplicate" : "Rank";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => [.. OrderKeys.Select(k => k.Expression)];

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new Rank(inputs[0], PartitionKeys, OrderKeys, Function, RankStart, RankEnd, RankName, OutputRankNumber);

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) =>
        new Rank(Input, PartitionKeys, OrderKeys.Select((k, i) => k with { Expression = expressions[i] }).ToNodeList(), Function, RankStart, RankEnd, RankName,
            OutputRankNumber);

    /// <summary>A copy without (or with) the rank number column.</summary>
    public Rank WithRankNumber(bool output) =>
        new(Input, PartitionKeys, OrderKeys, Function, RankStart, RankEnd, RankName, output);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var partition = $"partition=[{string.Join(", ", PartitionKeys.Select(k => NameOf(k, row)))}]";
        var order = $"order=[{string.Join(", ", OrderKeys.Select(k => Format(k, row)))}]";
        if (IsDeduplication)
        {
            return $"keep=[{(OrderKeys[0].Descending ? "LastRow" : "FirstRow")}], key=[{string.Join(", ", PartitionKeys.Select(k => NameOf(k, row)))}], {order}";
        }

        return $"{Function.Name}, rankRange=[rankStart={RankStart}, rankEnd={RankEnd}], {partition}, {order}"
            + (OutputRankNumber ? $", rankNumber=[{RankName}]" : "");
    }
}
