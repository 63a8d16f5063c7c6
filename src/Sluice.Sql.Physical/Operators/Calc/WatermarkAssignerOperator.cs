using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Operators.Calc;

/// <summary>
/// Generates the watermarks of a table whose <c>WATERMARK FOR</c> expression cannot run inside its source (a
/// computed row-time column, or an expression other than <c>rowtime - INTERVAL</c>): after every batch it emits the
/// maximum of the expression over the rows seen so far, when that advanced. Stateless.
/// </summary>
/// <remarks>
/// <para>Watermarks from upstream are dropped, except the final one (<see cref="long.MaxValue"/>, end of input),
/// which is forwarded. Rows pass unchanged. After a restore the watermark starts again from the rows that follow, as
/// in Flink.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread.</para>
/// </remarks>
public sealed class WatermarkAssignerOperator : StreamOperator
{
    private readonly Schema _schema;
    private readonly BoundExpression _expression;
    private CompiledExpression? _compiled;
    private long _current = long.MinValue;

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The schema of the rows (the table row).</param>
    /// <param name="expression">The watermark expression over the row (a TIMESTAMP or TIMESTAMP_LTZ).</param>
    public WatermarkAssignerOperator(Schema schema, BoundExpression expression)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(expression);
        _schema = schema;
        _expression = expression;
        ExpressionCompiler.Compile(expression, schema);
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _compiled = ExpressionCompiler.Compile(_expression, _schema);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        var records = (RecordBatch)batch;
        var max = long.MinValue;
        using (var vector = _compiled!.Evaluate(records))
        {
            var values = ((PrimitiveVector<long>)vector).Values;
            for (var i = 0; i < records.RowCount; i++)
            {
                var row = records.PhysicalRow(i);
                if (!vector.IsNull(row) && values[row] > max)
                {
                    max = values[row];
                }
            }
        }

        output.Collect(records);
        if (max != long.MinValue)
        {
            var millis = TemporalConversions.MicrosToMillis(max);
            if (millis > _current)
            {
                _current = millis;
                output.EmitWatermark(new Watermark(millis));
            }
        }
    }

    /// <inheritdoc />
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        if (watermark.Timestamp == long.MaxValue)
        {
            _current = long.MaxValue;
            output.EmitWatermark(watermark);
        }
    }
}
