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
    /// is emitted with its input's kind, +I or +U, and the later rows whose results change as -U/+U, a retracted row as -U or
    /// -D, as its input). Runs in
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
        var (prepared, partition, order, calls, lags) = PrepareOverOperands(over, input, isLag, orderKey);
        var preparedSchema = prepared.Schema;
        var ttl = _options.StateTtl;
        var vertex = AddVertex("over-aggregate-non-time", KeyedParallelism(partition.Length),
            () => new RetractingOverAggregateOperator(preparedSchema, partition, order, frame, calls, ttl, lags, keepRowKinds: true));
        Connect(prepared, vertex, partition);
        var aggregatedSchema = new RetractingOverAggregateOperator(preparedSchema, partition, order, frame, calls, ttl, lags).OutputSchema;
        var stream = new PhysicalStream(vertex, aggregatedSchema, ChangelogMode.All);
        return RestoreOverCallOrder(stream, input.Schema.Count, preparedSchema.Count, calls.Count, isLag, SchemaOf(over).WithRowTime(-1));
    }

    private static string OrderName(OverWindow over, BoundExpression expression) =>
        BoundExpressionFormatter.Format(expression, i => i >= 0 && i < over.Input.Schema.Count ? over.Input.Schema[i].Name : "$" + i);
}
