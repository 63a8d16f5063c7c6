using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// A windowing table function (<c>TUMBLE</c>, <c>HOP</c>, <c>CUMULATE</c>, <c>SESSION</c>): assigns each input row to
/// windows and appends <c>window_start</c>, <c>window_end</c> (<c>TIMESTAMP(p) NOT NULL</c>) and <c>window_time</c>
/// (the time attribute's type, <c>NOT NULL</c>, still a time attribute). The original time column becomes a regular
/// timestamp, as in Flink.
/// </summary>
public sealed class WindowTableFunction : LogicalPlan
{
    /// <summary>Creates a window table function node.</summary>
    /// <param name="input">The input.</param>
    /// <param name="kind">Which windowing function.</param>
    /// <param name="timeColumn">The time attribute column of the input.</param>
    /// <param name="size">The window size; the gap for <c>SESSION</c>.</param>
    /// <param name="step">The slide of <c>HOP</c> or the step of <c>CUMULATE</c>; null otherwise.</param>
    /// <param name="offset">The window offset, or null.</param>
    /// <param name="partitionKeys">The partition keys of <c>SESSION</c>.</param>
    public WindowTableFunction(LogicalPlan input, WindowKind kind, int timeColumn, TimeSpan size, TimeSpan? step, TimeSpan? offset,
        NodeList<int> partitionKeys)
        : base(SchemaOf(input, timeColumn))
    {
        Input = input;
        Kind = kind;
        TimeColumn = timeColumn;
        Size = size;
        Step = step;
        Offset = offset;
        PartitionKeys = partitionKeys;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>Which windowing function.</summary>
    public WindowKind Kind { get; }

    /// <summary>The time attribute column of the input.</summary>
    public int TimeColumn { get; }

    /// <summary>The window size (the gap for <c>SESSION</c>).</summary>
    public TimeSpan Size { get; }

    /// <summary>The slide of <c>HOP</c> or the step of <c>CUMULATE</c>.</summary>
    public TimeSpan? Step { get; }

    /// <summary>The offset of window starts, if any.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The partition keys of <c>SESSION</c> windows.</summary>
    public NodeList<int> PartitionKeys { get; }

    /// <summary>
    /// <c>CUMULATE</c>'s <c>emitOnlyOnUpdate</c> (Flink 2): a window aggregation emits a window only when rows arrived in
    /// its last step, <c>[window_end - step, window_end)</c>, so windows that did not change are skipped.
    /// </summary>
    public bool EmitOnlyOnUpdate { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "WindowTableFunction";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new WindowTableFunction(inputs[0], Kind, TimeColumn, Size, Step, Offset, PartitionKeys) { EmitOnlyOnUpdate = EmitOnlyOnUpdate };

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var parts = new List<string> { NameOf(TimeColumn, row) };
        switch (Kind)
        {
            case WindowKind.Hop:
                parts.Add("slide=" + Interval(Step!.Value));
                parts.Add("size=" + Interval(Size));
                break;
            case WindowKind.Cumulate:
                parts.Add("step=" + Interval(Step!.Value));
                parts.Add("size=" + Interval(Size));
                break;
            case WindowKind.Session:
                parts.Add("gap=" + Interval(Size));
                break;
            default:
                parts.Add("size=" + Interval(Size));
                break;
        }

        if (Offset is { } offset)
        {
            parts.Add("offset=" + Interval(offset));
        }

        if (EmitOnlyOnUpdate)
        {
            parts.Add("emitOnlyOnUpdate=true");
        }

        if (PartitionKeys.Count > 0)
        {
            parts.Add("partition=[" + string.Join(", ", PartitionKeys.Select(k => NameOf(k, row))) + "]");
        }

        var added = Schema.Skip(Input.Schema.Count).Select(c => c.ToString());
        return $"window=[{Kind.ToString().ToUpperInvariant()}({string.Join(", ", parts)})], columns+=[{string.Join(", ", added)}]";
    }

    private static string Interval(TimeSpan span) =>
        BoundExpressionFormatter.FormatLiteral(new BoundLiteral(span, DataTypes.IntervalDayTime(3).NotNull()));

    private static PlanSchema SchemaOf(LogicalPlan input, int timeColumn)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (timeColumn < 0 || timeColumn >= input.Schema.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(timeColumn), timeColumn, "The time column is not an input column.");
        }

        var time = input.Schema[timeColumn];
        var precision = time.Type.Precision;
        var columns = input.Schema.Select((c, i) => i == timeColumn ? c.Materialized() : c).ToList();
        columns.Add(new PlanColumn("window_start", DataTypes.Timestamp(precision).NotNull(), TimeAttribute.None, WindowProperty.WindowStart));
        columns.Add(new PlanColumn("window_end", DataTypes.Timestamp(precision).NotNull(), TimeAttribute.None, WindowProperty.WindowEnd));
        columns.Add(new PlanColumn("window_time", time.Type.NotNull(), time.TimeAttribute, WindowProperty.WindowTime));
        return PlanSchema.Unique(columns);
    }
}
