using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// Flink SQL's streaming semi and anti join (<c>WHERE [NOT] EXISTS</c> / <c>[NOT] IN</c> subqueries): input 0 is
/// the left changelog, input 1 the right; the output is the left rows that have (semi) or have not (anti) a right
/// row with equal keys, as a changelog of +I and -D rows. Output schema: the left schema.
/// </summary>
/// <remarks>
/// <para><b>State.</b> Per join key (<see cref="RowKey"/>; both inputs hash-partitioned by their key columns with
/// <see cref="RecordBatchKeySelector"/>): the left rows with their multiplicity, and the right rows with theirs.</para>
/// <para><b>Semantics.</b> A left +I/+U row is emitted as +I when it qualifies (semi: the key has right rows; anti:
/// it has none); a left -U/-D row as -D when it qualified. A right row that gives a key its first match emits, for
/// every stored left row of the key, +I (semi) or -D (anti); a right retraction that removes the key's last match
/// emits -D (semi) or +I (anti). Rows with a null key never match (SQL equality): semi drops them, anti keeps them
/// (as Flink's <c>NOT EXISTS</c>; <c>NOT IN</c>'s null semantics are the planner's job).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread. <b>Lifecycle.</b> <see cref="Open"/>
/// declares (restores) both states; each input batch emits at most one output batch; nothing is buffered.</para>
/// </remarks>
public sealed class SemiAntiJoinOperator : StreamOperator, ITwoInputOperator
{
    private readonly bool _anti;
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowEncoder[] _rowEncoders;
    private IKeyedStateBackend<RowKey>? _backend;
    private IMapState<RowData, long>? _left;
    private IMapState<RowData, long>? _right;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0 (and of the output).</param>
    /// <param name="rightSchema">The schema of input 1.</param>
    /// <param name="leftKeys">The left key columns.</param>
    /// <param name="rightKeys">The right key columns, pairwise equal to <paramref name="leftKeys"/> (same physical types).</param>
    /// <param name="anti">True for an anti join, false for a semi join.</param>
    /// <param name="stateTtl">The time-to-live of stored rows, or null.</param>
    public SemiAntiJoinOperator(Schema leftSchema, Schema rightSchema, int[] leftKeys, int[] rightKeys, bool anti, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        Joins.JoinSupport.ValidateKeys(leftSchema, rightSchema, leftKeys, rightKeys, allowEmpty: false);

        _anti = anti;
        _stateTtl = stateTtl;
        _keyEncoders = [new RowEncoder(leftSchema, leftKeys), new RowEncoder(rightSchema, rightKeys)];
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        OutputSchema = leftSchema;
    }

    /// <summary>The output schema: the left schema.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _left = _backend.GetMapState(new MapStateDescriptor<RowData, long>("semi-left-rows", RowDataSerializer.Instance, Serializers.Int64) { Ttl = _stateTtl });
        _right = _backend.GetMapState(new MapStateDescriptor<RowData, long>("semi-right-rows", RowDataSerializer.Instance, Serializers.Int64) { Ttl = _stateTtl });
    }

    /// <summary>A join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(SemiAntiJoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SemiAntiJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var additive = records.GetRowKind(physical).IsAdditive();
            if (_keyEncoders[input].AnyNull(records, physical))
            {
                if (input == 0 && _anti)
                {
                    builder.AppendRowKind(additive ? RowKind.Insert : RowKind.Delete);
                    _rowEncoders[0].AppendTo(_rowEncoders[0].RowOf(records, physical).Bytes, builder, 0);
                }

                continue;
            }

            backend.SetCurrentKey(_keyEncoders[input].KeyOf(records, physical));
            var row = _rowEncoders[input].RowOf(records, physical);
            if (input == 0)
            {
                ProcessLeft(builder, row, additive);
            }
            else
            {
                ProcessRight(builder, row, additive);
            }
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private void ProcessLeft(RecordBatchBuilder builder, RowData row, bool additive)
    {
        var matched = _right!.Entries().Any();
        var qualifies = matched != _anti;
        _left!.TryGet(row, out var count);
        if (additive)
        {
            _left.Put(row, count + 1);
            if (qualifies)
            {
                Emit(builder, RowKind.Insert, row, 1);
            }
        }
        else if (count > 0)
        {
            if (count == 1)
            {
                _left.Remove(row);
            }
            else
            {
                _left.Put(row, count - 1);
            }

            if (qualifies)
            {
                Emit(builder, RowKind.Delete, row, 1);
            }
        }
    }

    private void ProcessRight(RecordBatchBuilder builder, RowData row, bool additive)
    {
        long total = 0;
        foreach (var (_, c) in _right!.Entries())
        {
            total += c;
        }

        _right.TryGet(row, out var count);
        if (additive)
        {
            _right.Put(row, count + 1);
            if (total == 0)
            {
                EmitLeftRows(builder, _anti ? RowKind.Delete : RowKind.Insert);
            }
        }
        else if (count > 0)
        {
            if (count == 1)
            {
                _right.Remove(row);
            }
            else
            {
                _right.Put(row, count - 1);
            }

            if (total == 1)
            {
                EmitLeftRows(builder, _anti ? RowKind.Insert : RowKind.Delete);
            }
        }
    }

    private void EmitLeftRows(RecordBatchBuilder builder, RowKind kind)
    {
        foreach (var (left, times) in _left!.Entries())
        {
            Emit(builder, kind, left, times);
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, RowData row, long times)
    {
        for (var n = 0; n < times; n++)
        {
            _rowEncoders[0].AppendTo(row.Bytes, builder, 0);
            builder.AppendRowKind(kind);
        }
    }
}
