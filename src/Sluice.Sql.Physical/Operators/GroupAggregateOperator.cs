using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The unbounded <c>GROUP BY</c> aggregation of Flink SQL over a changelog: per group key it keeps the accumulators
/// of its aggregate calls (every <see cref="AggregateKind"/>, with <c>DISTINCT</c> and <c>FILTER</c>) in keyed state and
/// emits the changes of the result as a changelog. Output schema: the key columns, then one column per aggregate call.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> +I and +U rows accumulate, -U and -D rows retract (COUNT, SUM, AVG and the variances
/// arithmetically; MIN and MAX from a multiset of the values; FIRST_VALUE, LAST_VALUE and LISTAGG from the kept values
/// in arrival order; DISTINCT from a value → count multiset per call), as Flink's retractable accumulators do. A
/// retraction for a group without rows is ignored, as in Flink. For every group touched by a batch the operator emits,
/// after applying all the batch's rows of that group (a mini-batch per input batch): +I(new) for a new group; -U(old)
/// then +U(new) for a changed result; -D(old) when the group's row count drops to zero (its state is cleared); nothing
/// when the result is unchanged. Groups are emitted in the order they first appear in the batch, as one output batch.</para>
/// <para><b>State.</b> One value state per group key (<see cref="RowKey"/> of the key columns, hashed like
/// <see cref="RecordBatchKeySelector"/> so the input must be hash-partitioned by the same columns; a global aggregate
/// without keys runs at parallelism 1), with the optional time-to-live given to the constructor. Restorable at another
/// parallelism.</para>
/// <para><b>Types.</b> SUM/AVG/variances read TINYINT..BIGINT and DECIMAL exactly (128-bit unscaled integers, so
/// DECIMAL(38, s) sums are exact) and FLOAT/DOUBLE as doubles; a result that overflows its type throws a
/// <see cref="Core.Errors.SluiceException"/> instead of wrapping. MIN/MAX/FIRST_VALUE/LAST_VALUE take every non-nested
/// type.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) the accumulator state;
/// <see cref="ProcessBatch(IBatch, IOutput)"/> consumes and disposes each input batch and emits at most one output
/// batch; nothing is buffered between batches, so checkpoints need no pre-barrier flush.</para>
/// </remarks>
public sealed class GroupAggregateOperator : StreamOperator
{
    private const string StateName = "group-agg-accumulators";

    private readonly int _keyCount;
    private readonly Aggregator _aggregator;
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder _keyEncoder;
    private readonly RowKeyCache _keys;

    // Per batch: the groups in order of first appearance, and the rows of each (lists kept for the next batch).
    private readonly Dictionary<RowKey, int> _groupOf = [];
    private readonly List<RowKey> _keyOrder = [];
    private readonly List<List<int>> _groupRows = [];
    private readonly AggregateValue?[] _previous;
    private readonly AggregateValue?[] _current;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<AccumulatorSet>? _state;
    private RecordBatchBuilder? _builder;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="keyColumns">The GROUP BY columns of the input (may be empty: a global aggregate).</param>
    /// <param name="calls">The aggregate calls.</param>
    /// <param name="stateTtl">The time-to-live of a group's state, or null to keep it forever.</param>
    /// <param name="insertOnlyInput">True when the input never retracts: MIN and MAX then keep one value per group instead of a multiset.</param>
    /// <exception cref="ArgumentException">A column is out of range, or a call's argument or result type does not fit its function.</exception>
    public GroupAggregateOperator(Schema inputSchema, int[] keyColumns, IReadOnlyList<AggregateCall> calls, StateTtlConfig? stateTtl = null,
        bool insertOnlyInput = false)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(calls);
        _keyCount = keyColumns.Length;
        _stateTtl = stateTtl;
        _keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _keys = new RowKeyCache(_keyEncoder);
        _aggregator = new Aggregator(inputSchema, calls, insertOnlyInput);
        _previous = new AggregateValue?[_aggregator.Functions.Count];
        _current = new AggregateValue?[_aggregator.Functions.Count];
        var fields = new List<Field>();
        foreach (var key in keyColumns)
        {
            fields.Add(inputSchema[key]);
        }

        fields.AddRange(_aggregator.ResultFields);
        OutputSchema = OutputSchemas.Unique(fields);
    }

    /// <summary>The output schema: the key columns, then one column per aggregate call.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _state = _backend.GetValueState(new ValueStateDescriptor<AccumulatorSet>(StateName, new AccumulatorSetSerializer(_aggregator))
        {
            Ttl = _stateTtl,
        });
        _builder = new RecordBatchBuilder(OutputSchema, 1024);
    }

    /// <inheritdoc />
    public override void Close()
    {
        _builder?.Dispose();
        _builder = null;
        base.Close();
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(GroupAggregateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _state!;
        var builder = _builder!;
        try
        {
            var groups = GroupRows(records);
            for (var g = 0; g < groups; g++)
            {
                var key = _keyOrder[g];
                backend.SetCurrentKey(key);
                state.TryGet(out var acc);
                var hadRows = acc is { RowCount: > 0 };
                if (hadRows)
                {
                    Results(acc!, _previous);
                }

                acc ??= _aggregator.CreateSet();
                foreach (var row in _groupRows[g])
                {
                    var additive = records.GetRowKind(row).IsAdditive();
                    if (additive || acc.RowCount > 0)
                    {
                        _aggregator.Apply(acc, records, row, retract: !additive);
                    }
                }

                if (acc.RowCount <= 0)
                {
                    state.Clear();
                    if (hadRows)
                    {
                        Emit(builder, RowKind.Delete, key, _previous);
                    }

                    continue;
                }

                state.Update(acc);
                Results(acc, _current);
                if (!hadRows)
                {
                    Emit(builder, RowKind.Insert, key, _current);
                }
                else if (!Aggregator.SameResults(_previous, _current))
                {
                    Emit(builder, RowKind.UpdateBefore, key, _previous);
                    Emit(builder, RowKind.UpdateAfter, key, _current);
                }
            }
        }
        catch
        {
            // Drop a half-built output: the next batch starts with an empty builder.
            builder.Dispose();
            throw;
        }
        finally
        {
            for (var g = 0; g < _keyOrder.Count; g++)
            {
                _groupRows[g].Clear();
            }

            _groupOf.Clear();
            _keyOrder.Clear();
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    /// <summary>Groups the batch's rows by key (in order of first appearance); returns the number of groups.</summary>
    private int GroupRows(RecordBatch records)
    {
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            var key = _keys.KeyOf(records, row);
            if (!_groupOf.TryGetValue(key, out var group))
            {
                group = _keyOrder.Count;
                _groupOf.Add(key, group);
                _keyOrder.Add(key);
                if (group == _groupRows.Count)
                {
                    _groupRows.Add([]);
                }
            }

            _groupRows[group].Add(row);
        }

        return _keyOrder.Count;
    }

    /// <summary>Writes the result of every call into <paramref name="results"/> (reused: no array per group).</summary>
    private void Results(AccumulatorSet set, AggregateValue?[] results)
    {
        var functions = _aggregator.Functions;
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = functions[i].GetResult(set.Accumulators[i]);
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, RowKey key, AggregateValue?[] results)
    {
        _keyEncoder.AppendTo(key.Bytes, builder, 0);
        Aggregator.AppendResults(results, builder, _keyCount);
        builder.AppendRowKind(kind);
    }
}
