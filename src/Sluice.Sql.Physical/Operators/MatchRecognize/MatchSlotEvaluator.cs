using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>
/// Evaluates the conditions and measures of a <c>MATCH_RECOGNIZE</c>: for each (partial) match, the values of the slots the
/// expression reads are computed from the match's rows into one row of a batch over the slot schema, and the expression,
/// compiled once, runs over the batch (one row per match). Only the task thread uses it.
/// </summary>
internal sealed class MatchSlotEvaluator
{
    private readonly MatchRecognizeSpec _spec;
    private readonly RowEncoder _rowEncoder;
    private readonly Schema _slotSchema;
    private readonly bool[][] _definitionSlots;
    private readonly bool[] _measureSlots;
    private readonly Aggregator?[] _aggregators;
    private CompiledExpression?[] _definitions = [];
    private CompiledExpression[] _measures = [];

    public MatchSlotEvaluator(MatchRecognizeSpec spec, RowEncoder rowEncoder)
    {
        _spec = spec;
        _rowEncoder = rowEncoder;

        // A last always-true column keeps the batch's row count when an expression reads no slot.
        _slotSchema = new Schema(spec.Slots.Select((s, i) => new Field("$slot" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Type))
            .Append(new Field("$row", DataTypes.Boolean().NotNull())));
        _definitionSlots = spec.Definitions.Select(d => Used(d is null ? [] : [d])).ToArray();
        _measureSlots = Used(spec.Measures);
        _aggregators = spec.Slots.Select(s => s.Aggregate is { } call ? new Aggregator(spec.InputSchema, [call]) : null).ToArray();
    }

    /// <summary>Compiles the expressions with <paramref name="environment"/> (again when opened, with the operator's clock).</summary>
    public void Compile(ExpressionEnvironment environment)
    {
        Close();
        _definitions = _spec.Definitions.Select(d => d is null ? null : ExpressionCompiler.Compile(d, _slotSchema, environment)).ToArray();
        _measures = _spec.Measures.Select(m => ExpressionCompiler.Compile(m, _slotSchema, environment)).ToArray();
    }

    /// <summary>Closes the functions of the compiled expressions.</summary>
    public void Close()
    {
        foreach (var expression in _definitions)
        {
            expression?.CloseFunctions();
        }

        foreach (var expression in _measures)
        {
            expression.CloseFunctions();
        }
    }

    /// <summary>Whether <paramref name="variable"/>'s condition holds for each view (its last row mapped to the variable).</summary>
    public bool[] Define(int variable, IReadOnlyList<MatchView> views, MatchRun run, long now)
    {
        var result = new bool[views.Count];
        if (_definitions[variable] is not { } condition)
        {
            Array.Fill(result, true);
            return result;
        }

        using var batch = SlotBatch(views, _definitionSlots[variable], run, now);
        using var values = condition.Evaluate(batch);
        for (var i = 0; i < views.Count; i++)
        {
            result[i] = values.GetValue(i) is true;
        }

        return result;
    }

    /// <summary>Appends the output row of a complete match: the partition columns, then the measures.</summary>
    public void AppendMeasures(MatchView view, MatchRun run, long now, RecordBatchBuilder output)
    {
        var first = run.Values(view.Start);
        var column = 0;
        foreach (var key in _spec.PartitionKeys)
        {
            output.Append(column++, first[key]);
        }

        using var batch = SlotBatch([view], _measureSlots, run, now);
        foreach (var measure in _measures)
        {
            using var value = measure.Evaluate(batch);
            output.Append(column++, value.GetValue(0));
        }
    }

    private bool[] Used(IEnumerable<BoundExpression> expressions)
    {
        var used = new bool[_spec.Slots.Count];
        foreach (var expression in expressions)
        {
            foreach (var node in expression.Descendants())
            {
                if (node is BoundInputRef reference)
                {
                    used[reference.Index] = true;
                }
            }
        }

        // Slots that are never NULL are always computed (they are cheap), so that no NOT NULL column holds a NULL.
        for (var i = 0; i < used.Length; i++)
        {
            used[i] |= !_spec.Slots[i].Type.IsNullable;
        }

        return used;
    }

    private RecordBatch SlotBatch(IReadOnlyList<MatchView> views, bool[] used, MatchRun run, long now)
    {
        using var builder = new RecordBatchBuilder(_slotSchema, Math.Max(1, views.Count));
        foreach (var view in views)
        {
            for (var s = 0; s < _spec.Slots.Count; s++)
            {
                if (!used[s])
                {
                    builder.AppendNull(s);
                    continue;
                }

                AppendSlot(builder, s, view, run, now);
            }

            builder.AppendBoolean(_spec.Slots.Count, true);
        }

        return builder.Build();
    }

    private void AppendSlot(RecordBatchBuilder builder, int s, MatchView view, MatchRun run, long now)
    {
        var slot = _spec.Slots[s];
        var rows = view.Variables;
        switch (slot.Kind)
        {
            case MatchSlotKind.MatchRowtime:
                builder.Append(s, run.Values(view.Start + rows.Length - 1)[_spec.TimeColumn]);
                return;
            case MatchSlotKind.MatchProctime:
                builder.AppendInt64(s, now * 1000);
                return;
            case MatchSlotKind.Classifier:
                builder.AppendString(s, _spec.Variables[rows[^1]]);
                return;
        }

        var selected = new List<int>();
        for (var i = 0; i < rows.Length; i++)
        {
            if (slot.Variables.Length == 0 || Array.IndexOf(slot.Variables, (int)rows[i]) >= 0)
            {
                selected.Add(i);
            }
        }

        int index;
        switch (slot.Kind)
        {
            case MatchSlotKind.Last:
                index = slot.Offset < selected.Count ? selected[selected.Count - 1 - slot.Offset] : -1;
                break;
            case MatchSlotKind.First:
                index = slot.Offset < selected.Count ? selected[slot.Offset] : -1;
                break;
            case MatchSlotKind.Prev:
                index = selected.Count > 0 && selected[^1] - slot.Offset >= 0 ? selected[^1] - slot.Offset : -1;
                break;
            default:
                AppendAggregate(builder, s, view, selected, run);
                return;
        }

        builder.Append(s, index < 0 ? null : run.Values(view.Start + index)[slot.Column]);
    }

    /// <summary>An aggregate over the selected rows of the match (decoded into a batch of the input schema).</summary>
    private void AppendAggregate(RecordBatchBuilder builder, int s, MatchView view, List<int> selected, MatchRun run)
    {
        var aggregator = _aggregators[s]!;
        var set = aggregator.CreateSet();
        if (selected.Count > 0)
        {
            using var rowsBuilder = new RecordBatchBuilder(_spec.InputSchema, selected.Count);
            foreach (var i in selected)
            {
                _rowEncoder.AppendTo(run.State.Row(view.Start + i).Row.Bytes, rowsBuilder, 0);
            }

            using var rows = rowsBuilder.Build();
            for (var i = 0; i < selected.Count; i++)
            {
                aggregator.Apply(set, rows, i, retract: false);
            }
        }

        if (aggregator.Result(set, 0) is { } value)
        {
            value.AppendTo(builder.Column(s));
        }
        else
        {
            builder.AppendNull(s);
        }
    }
}
