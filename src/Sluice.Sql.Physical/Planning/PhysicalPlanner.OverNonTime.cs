using System.Globalization;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators.Over;
using Sluice.Sql.Planning;
using PhysicalCall = Sluice.Sql.Physical.Operators.AggregateCall;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// OVER aggregation ordered by a column that is not a time attribute (Flink 2.1's non-time OVER, with
    /// <c>ROWS</c> or <c>RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW</c>): the rows of each partition are kept in
    /// the column's order and every row's result follows the changes before it, so the output is updating (a new row
    /// is emitted as +I and the later rows whose results change as -U/+U, a retracted row as -D). Runs in
    /// <see cref="RetractingOverAggregateOperator"/>, with the ORDER BY column as a BIGINT order key: integer columns are
    /// widened, TIMESTAMP and TIMESTAMP_LTZ columns are used as they are.
    /// </summary>
    private PhysicalStream TranslateNonTimeOverWindow(OverWindow over)
    {
        var window = over.Window;
        var orderExpression = window.OrderKeys[0].Expression;
        if (window.Frame.Upper.Kind != FrameBoundKind.CurrentRow || window.Frame.Lower.Kind != FrameBoundKind.UnboundedPreceding)
        {
            throw new SqlException(SqlErrorCode.NotSupported, window.Span,
                $"An OVER window ordered by the non-time column {OrderName(over, orderExpression)} supports only ROWS or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (as Flink)");
        }

        if (over.Calls.Any(c => c.Function.Kind == FunctionKind.Ranking && c.Function.Name is not ("LAG" or "LEAD")))
        {
            throw NotSupported($"{over.Calls.First(c => c.Function.Kind == FunctionKind.Ranking && c.Function.Name is not ("LAG" or "LEAD")).Function.Name} is supported only as Top-N or deduplication (filter the rank, e.g. WHERE rn <= 3)");
        }

        var orderType = orderExpression.Type;
        BoundExpression orderKey = orderType.TypeId switch
        {
            TypeId.TinyInt or TypeId.SmallInt or TypeId.Int => new BoundCast(orderExpression, DataTypes.BigInt().WithNullability(orderType.IsNullable)),
            TypeId.BigInt => orderExpression,
            TypeId.Timestamp or TypeId.TimestampLtz when orderType.PhysicalType == PhysicalType.Int64 => orderExpression,
            _ => throw new SqlException(SqlErrorCode.NotSupported, window.Span,
                $"An OVER window ordered by a non-time column supports integer and TIMESTAMP columns, not {orderType} ({OrderName(over, orderExpression)})"),
        };

        var isLag = over.Calls.Select(c => c.Function.Name is "LAG" or "LEAD").ToArray();
        var frame = window.Frame.Unit == FrameUnit.Rows || isLag.All(x => x) ? OverFrame.RowsUnbounded() : OverFrame.RangeUnbounded();
        var input = Translate(over.Input);
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
        var order = ColumnOf(orderKey);
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

        var preparedSchema = prepared.Schema;
        var ttl = _options.StateTtl;
        var vertex = AddVertex("over-aggregate-non-time", KeyedParallelism(partition.Length),
            () => new RetractingOverAggregateOperator(preparedSchema, partition, order, frame, calls, ttl, lags));
        Connect(prepared, vertex, partition);
        var aggregatedSchema = new RetractingOverAggregateOperator(preparedSchema, partition, order, frame, calls, ttl, lags).OutputSchema;
        var stream = new PhysicalStream(vertex, aggregatedSchema, ChangelogMode.All);
        var outputSchema = SchemaOf(over).WithRowTime(-1);
        if (extra.Count == 0 && lags.Count == 0)
        {
            return stream with { Schema = outputSchema };
        }

        // The operator emits the aggregates, then the LAG calls: back to the calls' order, without the prepared columns.
        var (nextAggregate, nextLag) = (preparedSchema.Count, preparedSchema.Count + calls.Count);
        var final = Enumerable.Range(0, schema.Count).Concat(isLag.Select(lag => lag ? nextLag++ : nextAggregate++))
            .Select(i => (BoundExpression)Ref(aggregatedSchema, i)).ToList();
        return AddProjection(stream, final, outputSchema.Fields.Select(f => f.Name).ToList(), null, "over-result", -1);
    }

    private static string OrderName(OverWindow over, BoundExpression expression) =>
        BoundExpressionFormatter.Format(expression, i => i >= 0 && i < over.Input.Schema.Count ? over.Input.Schema[i].Name : "$" + i);
}
