using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The unbounded <c>GROUP BY</c> aggregation of Flink SQL over a changelog: per group key it keeps the accumulators
/// of <c>COUNT(*)</c>, <c>COUNT</c>, <c>SUM</c>, <c>MIN</c>, <c>MAX</c> and <c>AVG</c> in keyed state and emits the
/// changes of the result as a changelog. Output schema: the key columns, then one column per aggregate call.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> +I and +U rows accumulate, -U and -D rows retract (SUM, COUNT and AVG arithmetically;
/// MIN and MAX from a multiset of the values, value → count). A retraction for a group without rows is ignored,
/// as in Flink. For every group touched by a batch the operator emits, after applying all the batch's rows of that
/// group (a mini-batch per input batch): +I(new) for a new group; -U(old) then +U(new) for a changed result;
/// -D(old) when the group's row count drops to zero (its state is cleared); nothing when the result is unchanged.
/// Groups are emitted in the order they first appear in the batch, as one output batch.</para>
/// <para><b>State.</b> One value state per group key (<see cref="RowKey"/> of the key columns, hashed like
/// <see cref="RecordBatchKeySelector"/> so the input must be hash-partitioned by the same columns), with the optional
/// time-to-live given to the constructor. Restorable at another parallelism.</para>
/// <para><b>Types.</b> SUM/AVG/MIN/MAX read TINYINT..BIGINT and DECIMAL exactly (as <see cref="decimal"/>, so
/// DECIMAL beyond 28 digits is not supported yet) and FLOAT/DOUBLE as <see cref="double"/>; integer overflow of the
/// result type throws instead of wrapping.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) the accumulator state;
/// <see cref="ProcessBatch(IBatch, IOutput)"/> consumes and disposes each input batch and emits at most one output
/// batch; nothing is buffered between batches, so checkpoints need no pre-barrier flush.</para>
/// </remarks>
public sealed class GroupAggregateOperator : StreamOperator
{
    private const string StateName = "group-agg-accumulators";

    private readonly int[] _keyColumns;
    private readonly AggregateCall[] _calls;
    private readonly bool[] _floating;
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder _keyEncoder;
    private readonly Dictionary<RowKey, List<int>> _rowsByKey = [];
    private readonly List<RowKey> _keyOrder = [];
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<GroupAccumulator>? _state;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="keyColumns">The GROUP BY columns of the input (may be empty: a global aggregate).</param>
    /// <param name="calls">The aggregate calls.</param>
    /// <param name="stateTtl">The time-to-live of a group's state, or null to keep it forever.</param>
    /// <exception cref="ArgumentException">A column is out of range, or an argument is not numeric where it must be.</exception>
    public GroupAggregateOperator(Schema inputSchema, int[] keyColumns, IReadOnlyList<AggregateCall> calls, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(calls);
        _keyColumns = [.. keyColumns];
        _calls = [.. calls];
        _stateTtl = stateTtl;
        _keyEncoder = new RowEncoder(inputSchema, _keyColumns);
        _floating = new bool[_calls.Length];
        var fields = new List<Field>();
        foreach (var key in _keyColumns)
        {
            fields.Add(inputSchema[key]);
        }

        for (var i = 0; i < _calls.Length; i++)
        {
            var call = _calls[i];
            if (call.Kind != AggregateKind.CountStar)
            {
                if ((uint)call.Argument >= (uint)inputSchema.Count)
                {
                    throw new ArgumentException($"Aggregate {call.Name} reads column {call.Argument}, outside {inputSchema}.", nameof(calls));
                }

                var argType = inputSchema[call.Argument].DataType;
                if (call.Kind != AggregateKind.Count && !IsNumeric(argType))
                {
                    throw new ArgumentException($"Aggregate {call.Name} ({call.Kind}) needs a numeric argument, not {argType}.", nameof(calls));
                }

                _floating[i] = argType.TypeId is TypeId.Float or TypeId.Double;
            }

            var resultType = call.Kind is AggregateKind.CountStar or AggregateKind.Count ? call.ResultType : call.ResultType.Nullable();
            fields.Add(new Field(call.Name, resultType));
        }

        OutputSchema = new Schema(fields);
    }

    /// <summary>The output schema: the key columns, then one column per aggregate call.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _state = _backend.GetValueState(new ValueStateDescriptor<GroupAccumulator>(StateName, GroupAccumulatorSerializer.Instance)
        {
            Ttl = _stateTtl,
        });
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(GroupAggregateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _state!;
        GroupRows(records);
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, _keyOrder.Count));
        try
        {
            foreach (var key in _keyOrder)
            {
                backend.SetCurrentKey(key);
                state.TryGet(out var acc);
                var previous = acc is { RowCount: > 0 } ? Results(acc) : null;
                acc ??= new GroupAccumulator(_calls.Length);
                foreach (var row in _rowsByKey[key])
                {
                    if (records.GetRowKind(row).IsAdditive())
                    {
                        Accumulate(acc, records, row);
                    }
                    else if (acc.RowCount > 0)
                    {
                        Retract(acc, records, row);
                    }
                }

                if (acc.RowCount <= 0)
                {
                    state.Clear();
                    if (previous is not null)
                    {
                        Emit(builder, RowKind.Delete, key, previous);
                    }

                    continue;
                }

                state.Update(acc);
                var current = Results(acc);
                if (previous is null)
                {
                    Emit(builder, RowKind.Insert, key, current);
                }
                else if (!previous.AsSpan().SequenceEqual(current))
                {
                    Emit(builder, RowKind.UpdateBefore, key, previous);
                    Emit(builder, RowKind.UpdateAfter, key, current);
                }
            }
        }
        finally
        {
            foreach (var list in _rowsByKey.Values)
            {
                list.Clear();
            }

            _rowsByKey.Clear();
            _keyOrder.Clear();
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private void GroupRows(RecordBatch records)
    {
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            var key = _keyEncoder.KeyOf(records, row);
            if (!_rowsByKey.TryGetValue(key, out var rows))
            {
                rows = [];
                _rowsByKey.Add(key, rows);
                _keyOrder.Add(key);
            }

            rows.Add(row);
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, RowKey key, object?[] results)
    {
        _keyEncoder.AppendTo(key.Bytes, builder, 0);
        for (var i = 0; i < results.Length; i++)
        {
            builder.Append(_keyColumns.Length + i, results[i]);
        }

        builder.AppendRowKind(kind);
    }

    private void Accumulate(GroupAccumulator acc, RecordBatch records, int row)
    {
        acc.RowCount++;
        for (var i = 0; i < _calls.Length; i++)
        {
            var call = _calls[i];
            if (call.Kind == AggregateKind.CountStar)
            {
                continue;
            }

            var column = records.Column(call.Argument);
            if (column.IsNull(row))
            {
                continue;
            }

            acc.Counts[i]++;
            switch (call.Kind)
            {
                case AggregateKind.Sum or AggregateKind.Avg when _floating[i]:
                    acc.FloatSums[i] += ReadFloating(column, row);
                    break;
                case AggregateKind.Sum or AggregateKind.Avg:
                    acc.ExactSums[i] += ReadExact(column, row);
                    break;
                case AggregateKind.Min or AggregateKind.Max when _floating[i]:
                    AddValue(acc.FloatValues[i] ??= [], ReadFloating(column, row), 1);
                    break;
                case AggregateKind.Min or AggregateKind.Max:
                    AddValue(acc.ExactValues[i] ??= [], ReadExact(column, row), 1);
                    break;
            }
        }
    }

    private void Retract(GroupAccumulator acc, RecordBatch records, int row)
    {
        acc.RowCount--;
        for (var i = 0; i < _calls.Length; i++)
        {
            var call = _calls[i];
            if (call.Kind == AggregateKind.CountStar)
            {
                continue;
            }

            var column = records.Column(call.Argument);
            if (column.IsNull(row))
            {
                continue;
            }

            acc.Counts[i]--;
            switch (call.Kind)
            {
                case AggregateKind.Sum or AggregateKind.Avg when _floating[i]:
                    acc.FloatSums[i] -= ReadFloating(column, row);
                    break;
                case AggregateKind.Sum or AggregateKind.Avg:
                    acc.ExactSums[i] -= ReadExact(column, row);
                    break;
                case AggregateKind.Min or AggregateKind.Max when _floating[i]:
                    AddValue(acc.FloatValues[i] ??= [], ReadFloating(column, row), -1);
                    break;
                case AggregateKind.Min or AggregateKind.Max:
                    AddValue(acc.ExactValues[i] ??= [], ReadExact(column, row), -1);
                    break;
            }
        }
    }

    private static void AddValue<T>(SortedDictionary<T, long> values, T value, long delta)
        where T : notnull
    {
        values.TryGetValue(value, out var count);
        count += delta;
        if (count <= 0)
        {
            values.Remove(value);
        }
        else
        {
            values[value] = count;
        }
    }

    private object?[] Results(GroupAccumulator acc)
    {
        var results = new object?[_calls.Length];
        for (var i = 0; i < _calls.Length; i++)
        {
            var call = _calls[i];
            var type = call.ResultType;
            var count = acc.Counts[i];
            results[i] = call.Kind switch
            {
                AggregateKind.CountStar => ToResult(type, (decimal)acc.RowCount),
                AggregateKind.Count => ToResult(type, (decimal)count),
                _ when count <= 0 => null,
                AggregateKind.Sum => _floating[i] ? ToResult(type, acc.FloatSums[i]) : ToResult(type, acc.ExactSums[i]),
                AggregateKind.Avg => _floating[i] ? ToResult(type, acc.FloatSums[i] / count) : ToResult(type, acc.ExactSums[i] / count),
                AggregateKind.Min when _floating[i] => First(acc.FloatValues[i], max: false) is { } f ? ToResult(type, f) : null,
                AggregateKind.Max when _floating[i] => First(acc.FloatValues[i], max: true) is { } f ? ToResult(type, f) : null,
                AggregateKind.Min => First(acc.ExactValues[i], max: false) is { } e ? ToResult(type, e) : null,
                AggregateKind.Max => First(acc.ExactValues[i], max: true) is { } e ? ToResult(type, e) : null,
                _ => throw new InvalidOperationException($"Unknown aggregate {call.Kind}."),
            };
        }

        return results;
    }

    private static T? First<T>(SortedDictionary<T, long>? values, bool max)
        where T : struct
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        return max ? values.Keys.Last() : values.Keys.First();
    }

    private static object ToResult(DataType type, decimal value) => type.TypeId switch
    {
        TypeId.TinyInt => (sbyte)value,
        TypeId.SmallInt => (short)value,
        TypeId.Int => (int)value,
        TypeId.BigInt => (long)value,
        TypeId.Float => (float)value,
        TypeId.Double => (double)value,
        TypeId.Decimal => Math.Round(value, type.Scale, MidpointRounding.AwayFromZero),
        _ => throw new NotSupportedException($"Aggregate results of {type} are not supported."),
    };

    private static object ToResult(DataType type, double value) => type.TypeId switch
    {
        TypeId.Float => (float)value,
        TypeId.Double => value,
        _ => ToResult(type, (decimal)value),
    };

    private static bool IsNumeric(DataType type) =>
        type.TypeId is TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt or TypeId.Float or TypeId.Double or TypeId.Decimal;

    private static double ReadFloating(ColumnVector column, int row) => column switch
    {
        PrimitiveVector<double> d => d.Values[row],
        PrimitiveVector<float> f => f.Values[row],
        _ => throw new NotSupportedException($"{column.DataType} is not a floating-point column."),
    };

    private static decimal ReadExact(ColumnVector column, int row) => column switch
    {
        PrimitiveVector<long> l when column.DataType.TypeId == TypeId.Decimal => Decimals.ToDecimal(l.Values[row], column.DataType.Scale),
        PrimitiveVector<Int128> w => Decimals.ToDecimal(w.Values[row], column.DataType.Scale),
        PrimitiveVector<long> l => l.Values[row],
        PrimitiveVector<int> i => i.Values[row],
        PrimitiveVector<short> s => s.Values[row],
        PrimitiveVector<sbyte> b => b.Values[row],
        _ => throw new NotSupportedException($"{column.DataType} is not an exact numeric column."),
    };
}
