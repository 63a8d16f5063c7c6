using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The join of an uncorrelated scalar subquery (<c>WHERE price &gt; (SELECT AVG(price) FROM t)</c>): input 0 is the
/// outer query's changelog, input 1 the subquery's, which holds at most one row at any time. Every left row is
/// emitted with the subquery's current row appended, or NULLs while the subquery is empty; a change of the subquery's
/// row retracts and re-emits every left row. Output schema: the left columns, then the right ones made nullable.
/// </summary>
/// <remarks>
/// <para><b>Errors.</b> A second subquery row while one is held is a runtime error (Flink's "more than one row"):
/// a scalar subquery must return at most one row.</para>
/// <para><b>State.</b> The operator sees all rows (the planner runs it with parallelism 1), under one constant key:
/// the left rows with their multiplicity and the subquery's rows with theirs.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread. <b>Lifecycle.</b> <see cref="Open"/> declares
/// (restores) the states; each input batch emits at most one output batch; nothing is buffered.</para>
/// </remarks>
public sealed class ScalarSubqueryJoinOperator : StreamOperator, ITwoInputOperator
{
    private static readonly RowKey AllRows = new([0x53, 0x51]);
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder[] _rowEncoders;
    private readonly int _leftWidth;
    private IKeyedStateBackend<RowKey>? _backend;
    private IMapState<RowData, long>? _left;
    private IMapState<RowData, long>? _right;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0.</param>
    /// <param name="rightSchema">The schema of input 1 (the subquery's row).</param>
    /// <param name="stateTtl">The time-to-live of stored rows, or null.</param>
    public ScalarSubqueryJoinOperator(Schema leftSchema, Schema rightSchema, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        _stateTtl = stateTtl;
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        _leftWidth = leftSchema.Count;
        var fields = new List<Field>(leftSchema.Fields);
        fields.AddRange(rightSchema.Fields.Select(f => f.WithDataType(f.DataType.Nullable())));
        OutputSchema = new Schema(Joins.JoinSupport.UniqueNames(fields));
    }

    /// <summary>The output schema: the left columns, then the subquery's columns (nullable).</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _left = _backend.GetMapState(new MapStateDescriptor<RowData, long>("scalar-left-rows", RowDataSerializer.Instance, Serializers.Int64) { Ttl = _stateTtl });
        _right = _backend.GetMapState(new MapStateDescriptor<RowData, long>("scalar-right-rows", RowDataSerializer.Instance, Serializers.Int64) { Ttl = _stateTtl });
    }

    /// <summary>A join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(ScalarSubqueryJoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(ScalarSubqueryJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        backend.SetCurrentKey(AllRows);
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var additive = records.GetRowKind(physical).IsAdditive();
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

    private RowData? Current()
    {
        foreach (var (row, _) in _right!.Entries())
        {
            return row;
        }

        return null;
    }

    private void ProcessLeft(RecordBatchBuilder builder, RowData row, bool additive)
    {
        _left!.TryGet(row, out var count);
        if (additive)
        {
            _left.Put(row, count + 1);
            Emit(builder, RowKind.Insert, row, Current(), 1);
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

            Emit(builder, RowKind.Delete, row, Current(), 1);
        }
    }

    private void ProcessRight(RecordBatchBuilder builder, RowData row, bool additive)
    {
        var current = Current();
        if (additive)
        {
            if (current is not null)
            {
                throw new SluiceException("A scalar subquery returned more than one row; it must return at most one.", ErrorDomain.User);
            }

            _right!.Put(row, 1);
            EmitAll(builder, null, row);
        }
        else if (current is not null && current.Equals(row))
        {
            _right!.Remove(row);
            EmitAll(builder, row, null);
        }
    }

    private void EmitAll(RecordBatchBuilder builder, RowData? before, RowData? after)
    {
        foreach (var (left, times) in _left!.Entries())
        {
            Emit(builder, RowKind.Delete, left, before, times);
            Emit(builder, RowKind.Insert, left, after, times);
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, RowData left, RowData? right, long times)
    {
        for (var n = 0; n < times; n++)
        {
            _rowEncoders[0].AppendTo(left.Bytes, builder, 0);
            if (right is null)
            {
                _rowEncoders[1].AppendNulls(builder, _leftWidth);
            }
            else
            {
                _rowEncoders[1].AppendTo(right.Bytes, builder, _leftWidth);
            }

            builder.AppendRowKind(kind);
        }
    }
}
