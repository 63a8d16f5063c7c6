using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The null-aware anti join of <c>x NOT IN (SELECT y ...)</c> (condition <c>(x = y) IS NOT FALSE</c>): input 0 is the
/// left changelog, input 1 the right; the output is the left rows for which the predicate is TRUE, as a changelog of
/// +I and -D rows. Output schema: the left schema.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> A left row qualifies iff the right side is empty, or its key is not null, no right row has
/// that key, and no right row has a NULL key (<c>x NOT IN (..., NULL)</c> is never TRUE). Left rows are emitted and
/// retracted as these conditions change.</para>
/// <para><b>State.</b> The operator sees all rows (the planner runs it with parallelism 1). Under one constant key:
/// the count of right rows per non-null key, the count of all right rows and of right rows with a NULL key; the left
/// rows with their multiplicity are kept per key (<see cref="NotInLeftRows"/>). A change of the right side's emptiness
/// or of its NULL keys revisits every stored left row; a key's first or last right row revisits only the left rows of
/// that key.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread. <b>Lifecycle.</b> <see cref="Open"/> declares
/// (restores) the states; each input batch emits at most one output batch; nothing is buffered.</para>
/// </remarks>
public sealed class NullAwareAntiJoinOperator : StreamOperator, ITwoInputOperator
{
    private static readonly RowKey AllRows = new([0x4e, 0x41]);
    private static readonly RowData NullKey = new([]);
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowEncoder _leftRows;
    private readonly NotInLeftRows _left;
    private IKeyedStateBackend<RowKey>? _backend;
    private IMapState<RowData, long>? _rightKeys;
    private IValueState<long>? _rightTotal;
    private IValueState<long>? _rightNulls;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0 (and of the output).</param>
    /// <param name="rightSchema">The schema of input 1.</param>
    /// <param name="leftKey">The left key column.</param>
    /// <param name="rightKey">The right key column (same physical type as the left one).</param>
    /// <param name="stateTtl">The time-to-live of stored rows, or null.</param>
    public NullAwareAntiJoinOperator(Schema leftSchema, Schema rightSchema, int leftKey, int rightKey, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        var l = leftSchema[leftKey].DataType;
        var r = rightSchema[rightKey].DataType;
        if (l.PhysicalType != r.PhysicalType || l.Scale != r.Scale)
        {
            throw new ArgumentException($"The NOT IN key is {l} on the left and {r} on the right; cast both to one type first.", nameof(rightKey));
        }

        _stateTtl = stateTtl;
        _keyEncoders = [new RowEncoder(leftSchema, [leftKey]), new RowEncoder(rightSchema, [rightKey])];
        _leftRows = RowEncoder.AllColumns(leftSchema);
        _left = new NotInLeftRows(_leftRows, AllRows);
        OutputSchema = leftSchema;
    }

    /// <summary>The output schema: the left schema.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _left.Open(_backend, "not-in", _stateTtl);
        _rightKeys = _backend.GetMapState(new MapStateDescriptor<RowData, long>("not-in-right-keys", RowDataSerializer.Instance, Serializers.Int64) { Ttl = _stateTtl });
        _rightTotal = _backend.GetValueState(new ValueStateDescriptor<long>("not-in-right-total", Serializers.Int64) { Ttl = _stateTtl });
        _rightNulls = _backend.GetValueState(new ValueStateDescriptor<long>("not-in-right-nulls", Serializers.Int64) { Ttl = _stateTtl });
    }

    /// <summary>A join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(NullAwareAntiJoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(NullAwareAntiJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        backend.SetCurrentKey(AllRows);
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var additive = records.GetRowKind(physical).IsAdditive();
            var key = _keyEncoders[input].AnyNull(records, physical) ? NullKey : _keyEncoders[input].RowOf(records, physical);
            if (input == 0)
            {
                ProcessLeft(builder, _leftRows.RowOf(records, physical), key, additive);
            }
            else
            {
                ProcessRight(builder, key, additive);
            }
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private static bool Qualifies(RowData key, long keyCount, long total, long nulls) =>
        total == 0 || (!ReferenceEquals(key, NullKey) && key.Bytes.Length > 0 && nulls == 0 && keyCount == 0);

    private long RightCount(RowData key) => key.Bytes.Length > 0 && _rightKeys!.TryGet(key, out var count) ? count : 0;

    private void ProcessLeft(RecordBatchBuilder builder, RowData row, RowData key, bool additive) =>
        _left.Apply(builder, row, key, additive, Qualifies(key, RightCount(key), _rightTotal!.Value(), _rightNulls!.Value()));

    private void ProcessRight(RecordBatchBuilder builder, RowData key, bool additive)
    {
        var total = _rightTotal!.Value();
        var nulls = _rightNulls!.Value();
        var isNull = key.Bytes.Length == 0;
        var keyCount = RightCount(key);
        if (!additive && (total == 0 || (isNull ? nulls : keyCount) == 0))
        {
            return;
        }

        var delta = additive ? 1 : -1;
        var newTotal = total + delta;
        var newNulls = isNull ? nulls + delta : nulls;
        var newKeyCount = isNull ? keyCount : keyCount + delta;
        _rightTotal.Update(newTotal);
        _rightNulls!.Update(newNulls);
        if (!isNull)
        {
            if (newKeyCount == 0)
            {
                _rightKeys!.Remove(key);
            }
            else
            {
                _rightKeys!.Put(key, newKeyCount);
            }
        }

        var globalChange = (total == 0) != (newTotal == 0) || (nulls == 0) != (newNulls == 0);
        var keyChange = !isNull && (keyCount == 0) != (newKeyCount == 0);
        if (!globalChange && !keyChange)
        {
            return;
        }

        if (!globalChange)
        {
            // Only the left rows of this key change their fate.
            var before = Qualifies(key, keyCount, total, nulls);
            var after = Qualifies(key, newKeyCount, newTotal, newNulls);
            if (before != after)
            {
                _left.EmitRowsOf(builder, key, after ? RowKind.Insert : RowKind.Delete);
            }

            return;
        }

        foreach (var leftKey in _left.Keys())
        {
            var sameKey = !isNull && leftKey.Equals(key);
            var before = Qualifies(leftKey, sameKey ? keyCount : RightCount(leftKey), total, nulls);
            var after = Qualifies(leftKey, sameKey ? newKeyCount : RightCount(leftKey), newTotal, newNulls);
            if (before != after)
            {
                _left.EmitRowsOf(builder, leftKey, after ? RowKind.Insert : RowKind.Delete);
            }
        }
    }
}
