using System.Globalization;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators.Over;
using Sluice.Sql.Planning;
using PhysicalCall = Sluice.Sql.Physical.Operators.AggregateCall;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// OVER aggregation: partitions by columns, ordered by one ascending time attribute, with a ROWS or RANGE frame
    /// ending at the current row. Operands that are expressions are computed into extra columns first. Over an updating
    /// input (which Flink rejects) a ROWS or RANGE frame ordered by event time runs in <see cref="RetractingOverAggregateOperator"/>.
    /// </summary>
    private PhysicalStream TranslateOverWindow(OverWindow over)
    {
        var window = over.Window;
        if (window.OrderKeys.Count != 1 || window.OrderKeys[0].Descending)
        {
            throw NotSupported("OVER windows must be ordered by one time attribute or one other column ascending (Flink's streaming OVER aggregation)");
        }

        RejectRankingCalls(over);
        if (window.OrderKeys[0].Expression is not BoundInputRef order || over.Input.Schema[order.Index].TimeAttribute == TimeAttribute.None)
        {
            return TranslateNonTimeOverWindow(over);
        }

        var isLag = over.Calls.Select(c => c.Function.Name is "LAG" or "LEAD").ToArray();
        var frame = ToFrame(window.Frame);
        if (isLag.All(x => x))
        {
            // LAG and LEAD alone: the frame does not matter (a ranking function's is RANGE UNBOUNDED); count rows.
            frame = OverFrame.RowsUnbounded();
        }

        var input = Translate(over.Input);

        // Over an updating input (which Flink rejects), or with LEAD (a row's value changes when later rows come), the rows
        // of each partition are kept in order and the results follow their changes: an updating output.
        var hasLead = over.Calls.Any(c => c.Function.Name == "LEAD");
        var updating = !input.IsInsertOnly || hasLead;
        if (updating && over.Input.Schema[order.Index].TimeAttribute == TimeAttribute.ProcTime)
        {
            // A processing time is the time a row arrived: a retraction cannot find the place its row had, and Flink's
            // OVER aggregation takes neither updating inputs nor LEAD.
            throw new SqlException(SqlErrorCode.NotSupported, window.Span, hasLead
                ? "LEAD is supported in an OVER window ordered by an event-time attribute (its results are updated as later rows come), not by a processing-time attribute; Flink's streaming OVER aggregation supports LAG only"
                : "OVER aggregation over an updating input is supported ordered by an event-time attribute (with a ROWS or RANGE frame), not by a processing-time attribute; Flink's streaming OVER aggregation takes insert-only input only");
        }

        var (prepared, partition, _, calls, lags) = PrepareOverOperands(over, input, isLag, null);
        var preparedSchema = prepared.Schema;
        var time = order.Index;
        var processingTime = over.Input.Schema[time].TimeAttribute == TimeAttribute.ProcTime;
        var ttl = _options.StateTtl;
        PhysicalStream stream;
        Core.Schemas.Schema aggregatedSchema;
        var outputSchema = SchemaOf(over);
        if (updating)
        {
            // Flink cannot: the rows of each partition are kept in order and the results follow their changes.
            var vertex = AddVertex("over-aggregate-retracting", KeyedParallelism(partition.Length),
                () => new RetractingOverAggregateOperator(preparedSchema, partition, time, frame, calls, ttl, lags));
            Connect(prepared, vertex, partition);
            aggregatedSchema = new RetractingOverAggregateOperator(preparedSchema, partition, time, frame, calls, ttl, lags).OutputSchema;
            stream = new PhysicalStream(vertex, aggregatedSchema, ChangelogMode.All);
            outputSchema = outputSchema.WithRowTime(-1);
        }
        else
        {
            var vertex = AddVertex("over-aggregate", KeyedParallelism(partition.Length),
                () => new OverAggregateOperator(preparedSchema, partition, time, frame, calls, processingTime, ttl, lags));
            Connect(prepared, vertex, partition);
            aggregatedSchema = new OverAggregateOperator(preparedSchema, partition, time, frame, calls, processingTime, ttl, lags).OutputSchema;
            stream = new PhysicalStream(vertex, aggregatedSchema, ChangelogMode.InsertOnly);
        }

        return RestoreOverCallOrder(stream, input.Schema.Count, preparedSchema.Count, calls.Count, isLag, outputSchema);
    }

    /// <summary>
    /// Rejects ranking functions other than <c>LAG</c>/<c>LEAD</c> (they run as Top-N or deduplication, never as OVER
    /// aggregation).
    /// </summary>
    private static void RejectRankingCalls(OverWindow over)
    {
        if (over.Calls.FirstOrDefault(c => c.Function.Kind == FunctionKind.Ranking && c.Function.Name is not ("LAG" or "LEAD")) is { } ranking)
        {
            throw NotSupported($"{ranking.Function.Name} is supported only as Top-N or deduplication (filter the rank, e.g. WHERE rn <= 3)");
        }
    }

    /// <summary>
    /// The OVER operator's input: <paramref name="input"/> with the operands that are expressions (partition keys, the
    /// <paramref name="orderKey"/> when given, call operands, LAG defaults) computed into extra columns, and the column
    /// of each.
    /// </summary>
    private (PhysicalStream Prepared, int[] Partition, int Order, List<PhysicalCall> Calls, List<OverLagCall> Lags) PrepareOverOperands(
        OverWindow over, PhysicalStream input, bool[] isLag, BoundExpression? orderKey)
    {
        var schema = input.Schema;
        var extra = new List<BoundExpression>();
        int ColumnOf(BoundExpression expression)
        {
            if (expression is BoundInputRef r)
            {
                return r.Index;
            }

            extra.Add(expression);
            return schema.Count + extra.Count - 1;
        }

        var partition = over.Window.PartitionKeys.Select(ColumnOf).ToArray();
        var order = orderKey is null ? -1 : ColumnOf(orderKey);
        var calls = over.Calls.Where((_, i) => !isLag[i])
            .Select(c => new PhysicalCall(OverKind(c), c.Operands.Select(ColumnOf).ToArray(), c.IsDistinct, -1, c.Type, c.Name)
            { UserDefined = c.Function.Implementation, IgnoreNulls = c.IgnoreNulls }).ToList();
        var lags = over.Calls.Where((_, i) => isLag[i]).Select(c => ToLagCall(c, ColumnOf)).ToList();
        var prepared = input;
        if (extra.Count > 0)
        {
            var expressions = Enumerable.Range(0, schema.Count).Select(i => (BoundExpression)Ref(schema, i)).Concat(extra).ToList();
            var names = schema.Fields.Select(f => f.Name).Concat(extra.Select((_, i) => "$over" + i.ToString(CultureInfo.InvariantCulture))).ToList();
            prepared = AddProjection(input, expressions, names, null, "over-prepare", schema.RowTimeIndex);
        }

        return (prepared, partition, order, calls, lags);
    }

    /// <summary>
    /// The OVER operator's output as the OVER node's schema (<paramref name="outputSchema"/>): the operator emits the input's columns (with any
    /// prepared ones), the aggregates, then the LAG calls; back to the calls' order, without the prepared columns.
    /// </summary>
    private PhysicalStream RestoreOverCallOrder(PhysicalStream stream, int inputCount, int preparedCount, int aggregateCount,
        bool[] isLag, Core.Schemas.Schema outputSchema)
    {
        if (preparedCount == inputCount && aggregateCount == isLag.Length)
        {
            return stream with { Schema = outputSchema };
        }

        var (nextAggregate, nextLag) = (preparedCount, preparedCount + aggregateCount);
        var final = Enumerable.Range(0, inputCount).Concat(isLag.Select(lag => lag ? nextLag++ : nextAggregate++))
            .Select(i => (BoundExpression)Ref(stream.Schema, i)).ToList();
        return AddProjection(stream, final, outputSchema.Fields.Select(f => f.Name).ToList(), null, "over-result", outputSchema.RowTimeIndex);
    }

    /// <summary><c>LAG</c> / <c>LEAD(value [, offset [, default]])</c>: the offset must be a non-negative integer literal; the default is converted to the value's type.</summary>
    private static OverLagCall ToLagCall(OverCall call, Func<BoundExpression, int> columnOf)
    {
        var offset = 1;
        if (call.Operands.Count > 1)
        {
            if (call.Operands[1] is not BoundLiteral { IsNull: false } literal
                || !long.TryParse(Convert.ToString(literal.Value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                || value < 0 || value > 10_000)
            {
                throw NotSupported($"The offset of {call.Function.Name} must be an integer literal from 0 to 10000");
            }

            offset = (int)value;
        }

        var defaultColumn = -1;
        if (call.Operands.Count > 2 && call.Operands[2] is not BoundLiteral { IsNull: true })
        {
            var fallback = call.Operands[2];
            if (!fallback.Type.EqualsIgnoringNullability(call.Type))
            {
                fallback = new BoundCast(fallback, call.Type.WithNullability(fallback.Type.IsNullable));
            }

            defaultColumn = columnOf(fallback);
        }

        return new OverLagCall(columnOf(call.Operands[0]), offset, defaultColumn, call.Type, call.Name, call.Function.Name == "LEAD");
    }

    private static Operators.AggregateKind OverKind(OverCall call) =>
        ToPhysicalCall(new Sluice.Sql.Planning.AggregateCall(call.Function, Enumerable.Range(0, call.Operands.Count).ToNodeList(), call.IsDistinct, -1, call.Type, call.Name)).Kind;

    private static OverFrame ToFrame(BoundFrame frame)
    {
        if (frame.Upper.Kind != FrameBoundKind.CurrentRow)
        {
            throw NotSupported("OVER windows must end at CURRENT ROW (Flink supports only preceding frames in streaming)");
        }

        return (frame.Unit, frame.Lower.Kind) switch
        {
            (FrameUnit.Rows, FrameBoundKind.UnboundedPreceding) => OverFrame.RowsUnbounded(),
            (FrameUnit.Range, FrameBoundKind.UnboundedPreceding) => OverFrame.RangeUnbounded(),
            (FrameUnit.Rows, FrameBoundKind.CurrentRow) => OverFrame.Rows(0),
            (FrameUnit.Rows, FrameBoundKind.Preceding) => OverFrame.Rows(Convert.ToInt64(frame.Lower.Offset!.Value, CultureInfo.InvariantCulture)),
            (FrameUnit.Range, FrameBoundKind.CurrentRow) => OverFrame.Range(TimeSpan.Zero),
            (FrameUnit.Range, FrameBoundKind.Preceding) when frame.Lower.Offset!.Value is TimeSpan span => OverFrame.Range(span),
            _ => throw NotSupported($"The OVER frame {frame} is not supported"),
        };
    }
}
