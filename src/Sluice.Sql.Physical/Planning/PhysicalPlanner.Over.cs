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
    /// ending at the current row. Operands that are expressions are computed into extra columns first.
    /// </summary>
    private PhysicalStream TranslateOverWindow(OverWindow over)
    {
        var window = over.Window;
        if (window.OrderKeys.Count != 1 || window.OrderKeys[0].Descending || window.OrderKeys[0].Expression is not BoundInputRef order
            || over.Input.Schema[order.Index].TimeAttribute == TimeAttribute.None)
        {
            throw NotSupported("OVER windows must be ordered by one time attribute ascending (Flink's streaming OVER aggregation)");
        }

        if (over.Calls.Any(c => c.Function.Kind == FunctionKind.Ranking))
        {
            throw NotSupported($"{over.Calls.First(c => c.Function.Kind == FunctionKind.Ranking).Function.Name} is supported only as Top-N or deduplication (filter the rank, e.g. WHERE rn <= 3)");
        }

        var frame = ToFrame(window.Frame);
        var input = Translate(over.Input);
        if (!input.IsInsertOnly)
        {
            throw NotSupported("OVER aggregation over an updating input is not supported (Flink requires an insert-only input)");
        }

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

        var partition = window.PartitionKeys.Select(ColumnOf).ToArray();
        var calls = over.Calls.Select(c => new PhysicalCall(OverKind(c), c.Operands.Select(ColumnOf).ToArray(), c.IsDistinct, -1, c.Type, c.Name)
            { UserDefined = c.Function.Implementation }).ToList();
        var prepared = input;
        if (extra.Count > 0)
        {
            var expressions = Enumerable.Range(0, schema.Count).Select(i => (BoundExpression)Ref(schema, i)).Concat(extra).ToList();
            var names = schema.Fields.Select(f => f.Name).Concat(extra.Select((_, i) => "$over" + i.ToString(CultureInfo.InvariantCulture))).ToList();
            prepared = AddProjection(input, expressions, names, null, "over-prepare", schema.RowTimeIndex);
        }

        var preparedSchema = prepared.Schema;
        var time = order.Index;
        var processingTime = over.Input.Schema[time].TimeAttribute == TimeAttribute.ProcTime;
        var ttl = _options.StateTtl;
        var vertex = AddVertex("over-aggregate", KeyedParallelism(partition.Length),
            () => new OverAggregateOperator(preparedSchema, partition, time, frame, calls, processingTime, ttl));
        Connect(prepared, vertex, partition);
        var aggregatedSchema = new OverAggregateOperator(preparedSchema, partition, time, frame, calls, processingTime, ttl).OutputSchema;
        var stream = new PhysicalStream(vertex, aggregatedSchema, ChangelogMode.InsertOnly);
        var outputSchema = SchemaOf(over);
        if (extra.Count == 0)
        {
            return stream with { Schema = outputSchema };
        }

        var final = Enumerable.Range(0, schema.Count).Concat(Enumerable.Range(preparedSchema.Count, calls.Count))
            .Select(i => (BoundExpression)Ref(aggregatedSchema, i)).ToList();
        return AddProjection(stream, final, outputSchema.Fields.Select(f => f.Name).ToList(), null, "over-result", outputSchema.RowTimeIndex);
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
