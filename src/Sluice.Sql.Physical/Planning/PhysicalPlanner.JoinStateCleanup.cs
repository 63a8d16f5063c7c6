using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// Exact state cleanup of regular inner joins by watermark-bounded columns (something Flink does not do).
/// </summary>
/// <remarks>
/// <para><b>Watermark-bounded columns.</b> A column <c>c</c> of a stream is watermark-bounded with slack <c>s</c> when every
/// row the stream emits after a watermark <c>w</c> has <c>c &gt; w - s</c>. The <c>window_end</c> and <c>window_time</c> of
/// an event-time window aggregation (TUMBLE, HOP, CUMULATE) are, with slack 0: the operator fires a window when its
/// watermark reaches <c>window_end - 1</c>, emits the result before it forwards that watermark, and drops rows of windows
/// that fired (they are late), so a result emitted after the watermark <c>w</c> has <c>window_end - 1 &gt; w</c>.
/// <c>window_start</c> is bounded with slack <c>size</c> (<c>window_start &gt;= window_end - size</c>). Plain column
/// references (projections, filters) keep the property; anything else drops it. The rows of a window table function
/// without aggregation are not bounded (late rows pass it), nor are SESSION windows (their size is not known), nor
/// windows aligned in a session time zone (their <c>window_end</c> is a wall-clock time, not the watermark's instant).</para>
/// <para><b>The cleanup.</b> An inner join whose inputs are both insert-only, with a conjunct <c>X + a &lt;= Y + b</c> (or
/// <c>&lt;</c>, or the same written with <c>&gt;=</c>/<c>&gt;</c>, or a <c>BETWEEN</c>) where <c>X</c> is a
/// watermark-bounded column (slack <c>s</c>) of one side and <c>Y</c> a TIMESTAMP column of the other side: a stored row
/// of <c>Y</c>'s side with time <c>y</c> can only join a future row of the other side whose <c>X &lt;= y + b - a</c>;
/// future rows have <c>X &gt; w - s</c> (w the join's watermark, the minimum of both inputs' watermarks, which is at most
/// the bounded side's); once <c>w &gt;= y + (b - a) + s</c> no future row can satisfy both, and the stored row has already
/// been joined with every present row of the other side when either arrived. Both sides being insert-only, no later
/// retraction needs the row either (a retraction of it, or of a row it matched, would have to emit -D rows). So removing
/// it cannot change the join's output: the cleanup is exact, unlike a time-to-live. The other side's rows are not cleaned
/// by the same argument the other way round: the rows of the <c>Y</c> side may be late (a row older than the watermark
/// still joins, a regular join drops nothing), so no watermark bounds which of them are still to come.</para>
/// <para><b>Caveat.</b> The bound holds for the rows that are not late at the join. An input channel that was idle (a
/// source's idle timeout) is left out of the watermark and may resume with rows behind it; as everywhere in event time,
/// such rows are late, and a cleaned row may then miss a match it would have had.</para>
/// </remarks>
public sealed partial class PhysicalPlanner
{
    private readonly Dictionary<LogicalPlan, JoinStateCleanup> _joinCleanups = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The exact cleanup of a regular inner join's state that its condition allows (see the remarks of this file), or
    /// null; remembered for EXPLAIN.
    /// </summary>
    private JoinStateCleanup? FindJoinStateCleanup(Join join, JoinKind kind, BoundExpression? residual, PhysicalStream left, PhysicalStream right)
    {
        if (kind != JoinKind.Inner || residual is null || !left.IsInsertOnly || !right.IsInsertOnly)
        {
            return null;
        }

        var leftCount = join.Left.Schema.Count;
        var bounded = new[] { WatermarkBoundedColumns(join.Left), WatermarkBoundedColumns(join.Right) };
        if (bounded[0].Count == 0 && bounded[1].Count == 0)
        {
            return null;
        }

        var schemas = new[] { left.Schema, right.Schema };
        foreach (var conjunct in Conjuncts(residual))
        {
            if (conjunct is not BoundCall { Operands.Count: 2 } call || ComparisonOf(call.Function) is not { } op
                || ShiftedColumn(call.Operands[0]) is not { } a || ShiftedColumn(call.Operands[1]) is not { } b
                || (a.Column < leftCount) == (b.Column < leftCount))
            {
                continue;
            }

            // Normalized to small + smallShift <= large + largeShift (a strict < only makes the bound tighter).
            var (small, large) = op is "<" or "<=" ? (a, b) : (b, a);
            var boundedSide = small.Column < leftCount ? 0 : 1;
            var boundedColumn = small.Column - (boundedSide == 0 ? 0 : leftCount);
            var cleanedSide = 1 - boundedSide;
            var cleanedColumn = large.Column - (cleanedSide == 0 ? 0 : leftCount);
            if (!bounded[boundedSide].TryGetValue(boundedColumn, out var slack)
                || schemas[cleanedSide][cleanedColumn].DataType is not { TypeId: TypeId.Timestamp, Precision: <= 6 })
            {
                continue;
            }

            var offset = large.ShiftMillis - small.ShiftMillis + slack;
            var name = schemas[cleanedSide][cleanedColumn].Name;
            var text = string.Create(CultureInfo.InvariantCulture, $"{name} + {offset} ms");
            var cleanup = new JoinStateCleanup(cleanedSide, cleanedColumn, offset, text);
            _joinCleanups[join] = cleanup;
            return cleanup;
        }

        return null;
    }

    /// <summary>Appends <c>, stateCleanup=[...]</c> to a join's EXPLAIN line when its state is cleaned by the watermark.</summary>
    private void AppendJoinCleanupExplain(LogicalPlan node)
    {
        if (_joinCleanups.TryGetValue(node, out var cleanup))
        {
            _explain.Append(", stateCleanup=[").Append(cleanup).Append(']');
        }
    }

    /// <summary>
    /// The watermark-bounded columns of <paramref name="node"/>'s output with their slack in milliseconds (see the remarks
    /// of this file).
    /// </summary>
    internal Dictionary<int, long> WatermarkBoundedColumns(LogicalPlan node)
    {
        var result = new Dictionary<int, long>();
        switch (node)
        {
            case Filter filter:
                return WatermarkBoundedColumns(filter.Input);
            case Project project:
            {
                var inner = WatermarkBoundedColumns(project.Input);
                for (var i = 0; i < project.Projections.Count && inner.Count > 0; i++)
                {
                    if (project.Projections[i] is BoundInputRef r && inner.TryGetValue(r.Index, out var slack))
                    {
                        result[i] = slack;
                    }
                }

                return result;
            }

            case Aggregate { IsWindowAggregate: true, GroupingSets: null } aggregate:
            {
                if (WindowOf(aggregate) is not { } window)
                {
                    return result;
                }

                for (var position = 0; position < aggregate.GroupKeys.Count; position++)
                {
                    switch (aggregate.Input.Schema[aggregate.GroupKeys[position]].Window)
                    {
                        case WindowProperty.WindowEnd:
                        case WindowProperty.WindowTime:
                            result[position] = 0;
                            break;
                        case WindowProperty.WindowStart when window.Size.Ticks % TimeSpan.TicksPerMillisecond == 0:
                            result[position] = (long)window.Size.TotalMilliseconds;
                            break;
                    }
                }

                return result;
            }

            default:
                return result;
        }
    }

    /// <summary>
    /// The window table function of an event-time TUMBLE, HOP or CUMULATE window aggregation whose window ends are instants
    /// (no session time zone shift), or null.
    /// </summary>
    private WindowTableFunction? WindowOf(Aggregate aggregate)
    {
        LogicalPlan found;
        try
        {
            (found, _, _) = TraceToWindow(aggregate.Input);
        }
        catch (Core.Errors.SluiceException)
        {
            return null;
        }

        return found is WindowTableFunction { Kind: WindowKind.Tumble or WindowKind.Hop or WindowKind.Cumulate } window
            && window.Input.Schema[window.TimeColumn].TimeAttribute == TimeAttribute.RowTime
            && WindowEndZone(window) is null
            ? window
            : null;
    }

    private static string? ComparisonOf(FunctionDefinition f) =>
        ReferenceEquals(f, BuiltInFunctions.LessThan) ? "<"
        : ReferenceEquals(f, BuiltInFunctions.LessThanOrEqual) ? "<="
        : ReferenceEquals(f, BuiltInFunctions.GreaterThan) ? ">"
        : ReferenceEquals(f, BuiltInFunctions.GreaterThanOrEqual) ? ">="
        : null;

    /// <summary>A TIMESTAMP column, or one plus or minus a whole number of milliseconds: (column, shift); null for anything else.</summary>
    private static (int Column, long ShiftMillis)? ShiftedColumn(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundInputRef r when r.Type.TypeId == TypeId.Timestamp:
                return (r.Index, 0);
            case BoundCall { Operands.Count: 2 } call when call.Operands[0] is BoundInputRef r && r.Type.TypeId == TypeId.Timestamp
                && call.Operands[1] is BoundLiteral { Value: TimeSpan span } && span.Ticks % TimeSpan.TicksPerMillisecond == 0:
                var millis = (long)span.TotalMilliseconds;
                return ReferenceEquals(call.Function, BuiltInFunctions.Plus) ? (r.Index, millis)
                    : ReferenceEquals(call.Function, BuiltInFunctions.Minus) ? (r.Index, -millis)
                    : null;
            default:
                return null;
        }
    }
}
