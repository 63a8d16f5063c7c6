using System.Globalization;
using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// Row pattern recognition (<c>MATCH_RECOGNIZE</c>, Flink's <c>Match</c>): per partition, rows in the order of a time
/// attribute are matched against a row pattern whose variables are defined by conditions; each match gives one output
/// row (<c>ONE ROW PER MATCH</c>): the partition columns, then the measures. Insert-only in and out.
/// </summary>
/// <remarks>
/// The conditions and measures are expressions over the row of <see cref="Slots"/> (navigations, aggregates and match
/// functions over the rows of a match); the node's <see cref="Expressions"/> are only those over the input row: the
/// partition keys, the order keys and the slots' sources. Immutable.
/// </remarks>
public sealed class MatchRecognize : LogicalPlan
{
    /// <summary>Creates the node.</summary>
    /// <param name="input">The input.</param>
    /// <param name="partitionKeys">The <c>PARTITION BY</c> columns (input references).</param>
    /// <param name="orderKeys">The <c>ORDER BY</c> keys; the first is a time attribute ascending.</param>
    /// <param name="variables">The pattern variables, in order of first appearance in the pattern.</param>
    /// <param name="pattern">The row pattern.</param>
    /// <param name="slots">The values the conditions and measures read.</param>
    /// <param name="definitions">Per variable, its condition over the slot row, or null for always true.</param>
    /// <param name="measures">The measures over the slot row.</param>
    /// <param name="measureColumns">The output columns of the measures (names, types and time attributes).</param>
    /// <param name="skip">The <c>AFTER MATCH SKIP</c> strategy.</param>
    /// <param name="skipVariable">The variable of <c>SKIP TO FIRST/LAST</c>, else -1.</param>
    /// <param name="within">The <c>WITHIN</c> interval, or null.</param>
    public MatchRecognize(LogicalPlan input, NodeList<BoundExpression> partitionKeys, NodeList<BoundSortKey> orderKeys,
        NodeList<string> variables, RowPattern pattern, NodeList<MatchSlot> slots, NodeList<BoundExpression?> definitions,
        NodeList<BoundExpression> measures, NodeList<PlanColumn> measureColumns, MatchSkipKind skip, int skipVariable, TimeSpan? within)
        : base(SchemaOf(input, partitionKeys, measureColumns))
    {
        Input = input;
        PartitionKeys = partitionKeys;
        OrderKeys = orderKeys;
        Variables = variables;
        Pattern = pattern;
        Slots = slots;
        Definitions = definitions;
        Measures = measures;
        MeasureColumns = measureColumns;
        Skip = skip;
        SkipVariable = skipVariable;
        Within = within;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The <c>PARTITION BY</c> columns.</summary>
    public NodeList<BoundExpression> PartitionKeys { get; }

    /// <summary>The <c>ORDER BY</c> keys.</summary>
    public NodeList<BoundSortKey> OrderKeys { get; }

    /// <summary>The pattern variables.</summary>
    public NodeList<string> Variables { get; }

    /// <summary>The row pattern.</summary>
    public RowPattern Pattern { get; }

    /// <summary>The slots the conditions and measures read.</summary>
    public NodeList<MatchSlot> Slots { get; }

    /// <summary>Per variable, the condition over the slot row (null: always true).</summary>
    public NodeList<BoundExpression?> Definitions { get; }

    /// <summary>The measures over the slot row.</summary>
    public NodeList<BoundExpression> Measures { get; }

    /// <summary>The output columns of the measures.</summary>
    public NodeList<PlanColumn> MeasureColumns { get; }

    /// <summary>The <c>AFTER MATCH SKIP</c> strategy.</summary>
    public MatchSkipKind Skip { get; }

    /// <summary>The variable of <c>SKIP TO FIRST/LAST</c>, else -1.</summary>
    public int SkipVariable { get; }

    /// <summary>The <c>WITHIN</c> interval, or null.</summary>
    public TimeSpan? Within { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "Match";

    /// <summary>The partition keys, the order keys, then the sources of every slot (all over the input row).</summary>
    public override IReadOnlyList<BoundExpression> Expressions =>
        [.. PartitionKeys, .. OrderKeys.Select(k => k.Expression), .. Slots.SelectMany(s => s.Sources)];

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new MatchRecognize(inputs[0], PartitionKeys, OrderKeys, Variables, Pattern, Slots, Definitions, Measures, MeasureColumns, Skip, SkipVariable, Within);

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        var position = 0;
        var partition = PartitionKeys.Select(_ => expressions[position++]).ToNodeList();
        var order = OrderKeys.Select(k => k with { Expression = expressions[position++] }).ToNodeList();
        var slots = Slots.Select(s => s with { Sources = s.Sources.Select(_ => expressions[position++]).ToNodeList() }).ToNodeList();
        return new MatchRecognize(Input, partition, order, Variables, Pattern, slots, Definitions, Measures, MeasureColumns, Skip, SkipVariable, Within);
    }

    /// <summary>A slot as text (for plans and errors).</summary>
    public string FormatSlot(int index, PlanSchema row) => Slots[index].Format(Variables, row);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string OverSlots(BoundExpression e) => BoundExpressionFormatter.Format(e, i => i >= 0 && i < Slots.Count ? FormatSlot(i, row) : "$" + i);
        var parts = new List<string>();
        if (PartitionKeys.Count > 0)
        {
            parts.Add($"partition=[{string.Join(", ", PartitionKeys.Select(k => Format(k, row)))}]");
        }

        parts.Add($"order=[{string.Join(", ", OrderKeys.Select(k => Format(k, row)))}]");
        parts.Add($"measures=[{string.Join(", ", Measures.Select((m, i) => OverSlots(m) + " AS " + MeasureColumns[i].Name))}]");
        parts.Add("skip=[" + Skip switch
        {
            MatchSkipKind.PastLastRow => "PAST LAST ROW",
            MatchSkipKind.ToNextRow => "TO NEXT ROW",
            MatchSkipKind.ToFirst => "TO FIRST " + Variables[SkipVariable],
            _ => "TO LAST " + Variables[SkipVariable],
        } + "]");
        parts.Add($"pattern=[{SqlFormatter.Format(Pattern)}]");
        if (Within is { } within)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"within=[{(long)within.TotalMilliseconds} ms]"));
        }

        var defines = Variables.Select((v, i) => (v, Definitions[i])).Where(d => d.Item2 is not null).Select(d => d.v + " AS " + OverSlots(d.Item2!));
        parts.Add($"define=[{string.Join(", ", defines)}]");
        return string.Join(", ", parts);
    }

    private static PlanSchema SchemaOf(LogicalPlan input, NodeList<BoundExpression> partitionKeys, NodeList<PlanColumn> measures)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(partitionKeys);
        ArgumentNullException.ThrowIfNull(measures);
        var columns = partitionKeys.Select(k => k is BoundInputRef r
                ? new PlanColumn(input.Schema[r.Index].Name, input.Schema[r.Index].Type, TimeAttribute.None)
                : new PlanColumn("$key", k.Type))
            .Concat(measures);
        return new PlanSchema(columns);
    }
}
