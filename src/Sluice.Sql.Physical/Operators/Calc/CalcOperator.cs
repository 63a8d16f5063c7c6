using System.Buffers;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Operators.Calc;

/// <summary>
/// Flink's <c>Calc</c>: an optional filter, then a projection, over every row of a changelog; row kinds are kept.
/// Stateless. The expressions are compiled once when the operator opens (with its clock), never interpreted per row.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> A row passes the filter when the condition is TRUE. The output batch shares unchanged
/// columns with the input (input references retain the vector) and marks the passing rows with a selection instead
/// of copying them. With <c>dropUpdateBefore</c>, <c>-U</c> rows are dropped too (the input of an upsert sink); with
/// <c>updateBeforeAsDelete</c> they are emitted as <c>-D</c> (the input of an upsert sink whose primary key is not the
/// query's upsert key).
/// Subexpressions that the filter and the projection (or one of them twice) compute on every row are computed once per
/// batch, as extra columns of the input (<see cref="CalcProgram"/>).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread. <b>Lifecycle.</b> Compiles in
/// <see cref="Open"/>; each input batch is consumed and at most one output batch emitted.</para>
/// </remarks>
public sealed class CalcOperator : StreamOperator
{
    private readonly Schema _inputSchema;
    private readonly BoundExpression? _condition;
    private readonly IReadOnlyList<BoundExpression>? _projection;
    private readonly bool _dropUpdateBefore;
    private readonly bool _updateBeforeAsDelete;
    private readonly TimeZoneInfo _timeZone;
    private readonly CalcProgram _program;
    private CompiledPredicate? _filter;
    private CompiledExpression[]? _compiled;
    private CompiledExpression[] _shared = [];

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="condition">The filter over the input row, or null.</param>
    /// <param name="projection">The output expressions over the input row, or null to keep the input columns.</param>
    /// <param name="outputSchema">The output schema (one field per projected expression, or the input schema).</param>
    /// <param name="dropUpdateBefore">True to drop <c>-U</c> rows.</param>
    /// <param name="sessionTimeZone">The session time zone of time-zone-dependent functions.</param>
    /// <param name="updateBeforeAsDelete">True to emit <c>-U</c> rows as <c>-D</c> (ignored with <paramref name="dropUpdateBefore"/>).</param>
    public CalcOperator(Schema inputSchema, BoundExpression? condition, IReadOnlyList<BoundExpression>? projection, Schema outputSchema,
        bool dropUpdateBefore = false, TimeZoneInfo? sessionTimeZone = null, bool updateBeforeAsDelete = false)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(outputSchema);
        if (projection is not null && projection.Count != outputSchema.Count)
        {
            throw new ArgumentException($"The projection has {projection.Count} expressions but the output schema {outputSchema.Count} fields.", nameof(projection));
        }

        _inputSchema = inputSchema;
        _condition = condition;
        _projection = projection;
        OutputSchema = outputSchema;
        _dropUpdateBefore = dropUpdateBefore;
        _updateBeforeAsDelete = updateBeforeAsDelete && !dropUpdateBefore;
        _timeZone = sessionTimeZone ?? TimeZoneInfo.Utc;
        // Compiled once here to fail at planning time; CURRENT_WATERMARK reads the operator's watermark once open.
        var validation = ExpressionEnvironment.Default with { CurrentWatermark = static () => long.MinValue };
        if (condition is not null)
        {
            ExpressionCompiler.CompilePredicate(condition, inputSchema, validation);
        }

        if (projection is not null)
        {
            foreach (var expression in projection)
            {
                ExpressionCompiler.Compile(expression, inputSchema, validation);
            }
        }

        _program = CalcProgram.Create(inputSchema, condition, projection, validation);
    }

    /// <summary>The output schema.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        var environment = new ExpressionEnvironment(_timeZone, context.TimeProvider) { CurrentWatermark = () => context.CurrentWatermark };
        var program = _program;
        _shared = [.. program.Shared.Select((e, j) => ExpressionCompiler.Compile(e, program.Prefixes[j], environment))];
        _filter = program.Condition is null ? null : ExpressionCompiler.CompilePredicate(program.Condition, program.InputSchema, environment);
        _compiled = program.Projection?.Select(e => ExpressionCompiler.Compile(e, program.InputSchema, environment)).ToArray();
    }

    /// <inheritdoc />
    public override void Close()
    {
        _filter?.Expression.CloseFunctions();
        foreach (var expression in (_compiled ?? []).Concat(_shared))
        {
            expression.CloseFunctions();
        }

        base.Close();
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        var input = (RecordBatch)batch;
        int[]? selected = null;
        try
        {
            if (_shared.Length > 0)
            {
                input = Extend(input);
            }

            if (_filter is not null || (_dropUpdateBefore && input.HasRowKinds))
            {
                selected = ArrayPool<int>.Shared.Rent(Math.Max(1, input.PhysicalRowCount));
                var count = Select(input, selected);
                if (count == 0)
                {
                    input.Dispose();
                    return;
                }

                // The projection sees only the rows that passed, so an expression that fails on a filtered-out row
                // (SELECT 10 / x ... WHERE x <> 0) is never evaluated there.
                input = input.WithSelection(selected.AsSpan(0, count));
            }

            RecordBatch result;
            if (_compiled is null)
            {
                result = Retyped(input);
            }
            else
            {
                var columns = new ColumnVector[_compiled.Length];
                for (var i = 0; i < columns.Length; i++)
                {
                    columns[i] = _compiled[i].Evaluate(input);
                }

                result = new RecordBatch(OutputSchema, columns, input.PhysicalRowCount, input.RowKinds);
                if (input.HasSelection)
                {
                    result = result.WithSelection(input.Selection);
                }

                input.Dispose();
            }

            if (_updateBeforeAsDelete && result.HasRowKinds && result.RowKinds.IndexOfAnyExcept(RowKind.Insert, RowKind.UpdateAfter, RowKind.Delete) >= 0)
            {
                result = UpdateBeforeAsDelete(result);
            }

            output.Collect(result);
        }
        finally
        {
            if (selected is not null)
            {
                ArrayPool<int>.Shared.Return(selected);
            }
        }
    }

    /// <summary>
    /// The input batch with the shared columns (see <see cref="CalcProgram"/>) appended, each computed once on every
    /// physical row (on the selected ones when a selection leaves fewer than half); consumes <paramref name="input"/>
    /// and keeps its row kinds and selection.
    /// </summary>
    private RecordBatch Extend(RecordBatch input)
    {
        var inputColumns = input.ColumnCount;
        var physical = input.PhysicalRowCount;
        var columns = new ColumnVector[inputColumns + _shared.Length];
        var filled = 0;

        // The filter and the projection read only selected rows: when an upstream filter left few, only they are computed.
        var sparse = input.HasSelection && input.RowCount * 2 < physical;
        try
        {
            for (; filled < inputColumns; filled++)
            {
                columns[filled] = input.Column(filled).Retain();
            }

            for (var j = 0; j < _shared.Length; j++)
            {
                var visible = new ColumnVector[filled];
                for (var k = 0; k < filled; k++)
                {
                    visible[k] = columns[k].Retain();
                }

                using var prefix = new RecordBatch(_program.Prefixes[j], visible, physical);
                if (sparse)
                {
                    using var selected = prefix.WithSelection(input.Selection);
                    columns[filled] = _shared[j].EvaluateSelected(selected);
                }
                else
                {
                    columns[filled] = _shared[j].Evaluate(prefix);
                }

                filled++;
            }
        }
        catch
        {
            for (var k = 0; k < filled; k++)
            {
                columns[k].Dispose();
            }

            throw;
        }

        var extended = new RecordBatch(_program.InputSchema, columns, physical, input.RowKinds);
        if (input.HasSelection)
        {
            extended = extended.WithSelection(input.Selection);
        }

        input.Dispose();
        return extended;
    }

    private int Select(RecordBatch input, int[] selected)
    {
        var count = _filter is not null ? _filter.Filter(input, selected) : CopySelection(input, selected);
        if (!_dropUpdateBefore || !input.HasRowKinds)
        {
            return count;
        }

        var kinds = input.RowKinds;
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (kinds[selected[i]] != RowKind.UpdateBefore)
            {
                selected[kept++] = selected[i];
            }
        }

        return kept;
    }

    private static int CopySelection(RecordBatch input, int[] selected)
    {
        if (input.HasSelection)
        {
            input.Selection.CopyTo(selected);
            return input.RowCount;
        }

        for (var i = 0; i < input.PhysicalRowCount; i++)
        {
            selected[i] = i;
        }

        return input.PhysicalRowCount;
    }

    /// <summary>The batch with its <c>-U</c> rows marked <c>-D</c> (columns shared, selection kept); consumes <paramref name="input"/>.</summary>
    private static RecordBatch UpdateBeforeAsDelete(RecordBatch input)
    {
        var physical = input.PhysicalRowCount;
        var kinds = ArrayPool<RowKind>.Shared.Rent(Math.Max(1, physical));
        try
        {
            input.RowKinds.CopyTo(kinds);
            for (var i = 0; i < physical; i++)
            {
                if (kinds[i] == RowKind.UpdateBefore)
                {
                    kinds[i] = RowKind.Delete;
                }
            }

            var columns = new ColumnVector[input.ColumnCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = input.Column(i).Retain();
            }

            var result = new RecordBatch(input.Schema, columns, physical, kinds.AsSpan(0, physical));
            if (input.HasSelection)
            {
                result = result.WithSelection(input.Selection);
            }

            input.Dispose();
            return result;
        }
        finally
        {
            ArrayPool<RowKind>.Shared.Return(kinds);
        }
    }

    private RecordBatch Retyped(RecordBatch input)
    {
        if (ReferenceEquals(input.Schema, OutputSchema))
        {
            return input;
        }

        var columns = new ColumnVector[input.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = input.Column(i).Retain();
        }

        var result = new RecordBatch(OutputSchema, columns, input.PhysicalRowCount, input.RowKinds);
        if (input.HasSelection)
        {
            result = result.WithSelection(input.Selection);
        }

        input.Dispose();
        return result;
    }
}
