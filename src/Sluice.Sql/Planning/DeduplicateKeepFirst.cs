using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// Flink 2's <c>DEDUPLICATE_KEEP_FIRST</c> process table function: keeps the first row per partition key and drops the
/// later ones; the output is insert-only. Without <see cref="OnTime"/> the first row to arrive is kept (an updating input
/// is allowed: retractions of unseen keys are ignored and every later change of a seen key is dropped); with it, the
/// row with the smallest event time, emitted once the watermark passes it.
/// </summary>
/// <remarks>
/// Output columns (Flink's PTF layout): the partition keys, then the other input columns in input order, then, with
/// <see cref="OnTime"/>, a <c>rowtime</c> column of the time column's type that is an event-time attribute. Every other
/// time attribute becomes a regular column.
/// </remarks>
public sealed class DeduplicateKeepFirst : LogicalPlan
{
    /// <summary>Creates the node.</summary>
    /// <param name="input">The input.</param>
    /// <param name="partitionKeys">The <c>PARTITION BY</c> columns of the input (empty: the whole input is one group).</param>
    /// <param name="onTime">The event-time attribute column of <c>on_time</c>, or -1 for the processing-time mode.</param>
    /// <param name="stateTtl">The <c>state_ttl</c> argument: null when absent (the session's state TTL applies), zero to keep state forever.</param>
    /// <param name="resetTtlOnDuplicate">The <c>reset_ttl_on_duplicate</c> argument (true by default).</param>
    public DeduplicateKeepFirst(LogicalPlan input, NodeList<int> partitionKeys, int onTime, TimeSpan? stateTtl, bool resetTtlOnDuplicate)
        : base(SchemaOf(input, partitionKeys, onTime))
    {
        Input = input;
        PartitionKeys = partitionKeys;
        OnTime = onTime;
        StateTtl = stateTtl;
        ResetTtlOnDuplicate = resetTtlOnDuplicate;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The partition key columns of the input.</summary>
    public NodeList<int> PartitionKeys { get; }

    /// <summary>The event-time column of the input, or -1 (processing-time mode).</summary>
    public int OnTime { get; }

    /// <summary>The <c>state_ttl</c> argument, or null when absent.</summary>
    public TimeSpan? StateTtl { get; }

    /// <summary>Whether a dropped duplicate refreshes its key's state time-to-live.</summary>
    public bool ResetTtlOnDuplicate { get; }

    /// <summary>Where the <c>on_time</c> argument is in the source, for errors found while planning; null when unknown.</summary>
    public Syntax.SourceSpan? OnTimeSpan { get; init; }

    /// <summary>The input column of each output column (the appended <c>rowtime</c> maps to <see cref="OnTime"/>).</summary>
    public IReadOnlyList<int> OutputColumns => ColumnOrder(Input.Schema.Count, PartitionKeys, OnTime);

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "DeduplicateKeepFirst";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new DeduplicateKeepFirst(inputs[0], PartitionKeys, OnTime, StateTtl, ResetTtlOnDuplicate) { OnTimeSpan = OnTimeSpan };

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var parts = new List<string> { "partition=[" + string.Join(", ", PartitionKeys.Select(k => NameOf(k, row))) + "]" };
        parts.Add(OnTime >= 0 ? "on_time=[" + NameOf(OnTime, row) + "]" : "order=[arrival]");
        if (StateTtl is { } ttl)
        {
            parts.Add("state_ttl=" + BoundExpressionFormatter.FormatLiteral(new BoundLiteral(ttl, DataTypes.IntervalDayTime(3).NotNull())));
        }

        if (!ResetTtlOnDuplicate)
        {
            parts.Add("reset_ttl_on_duplicate=false");
        }

        return string.Join(", ", parts);
    }

    /// <summary>The input column of each output column: the keys, the other columns, then the time column again.</summary>
    internal static int[] ColumnOrder(int inputCount, IReadOnlyList<int> keys, int onTime)
    {
        var order = new List<int>(keys);
        order.AddRange(Enumerable.Range(0, inputCount).Where(i => !keys.Contains(i)));
        if (onTime >= 0)
        {
            order.Add(onTime);
        }

        return [.. order];
    }

    private static PlanSchema SchemaOf(LogicalPlan input, NodeList<int> keys, int onTime)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Any(k => k < 0 || k >= input.Schema.Count) || onTime >= input.Schema.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(keys), "A partition key or the time column is not an input column.");
        }

        var order = ColumnOrder(input.Schema.Count, keys, onTime);
        var columns = order.Take(order.Length - (onTime >= 0 ? 1 : 0)).Select(i => input.Schema[i].Materialized()).ToList();
        if (onTime >= 0)
        {
            columns.Add(new PlanColumn("rowtime", input.Schema[onTime].Type.NotNull(), TimeAttribute.RowTime));
        }

        return PlanSchema.Unique(columns);
    }
}
