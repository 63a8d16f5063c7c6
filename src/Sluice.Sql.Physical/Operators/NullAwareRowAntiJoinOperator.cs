using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The null-aware anti join of <c>(a, b, ...) NOT IN (SELECT x, y, ...)</c> (condition
/// <c>(a = x AND b = y AND ...) IS NOT FALSE</c>): input 0 is the left changelog, input 1 the right; the output is the
/// left rows for which the predicate is TRUE, as a changelog of +I and -D rows. Output schema: the left schema. The
/// one-column form is <see cref="NullAwareAntiJoinOperator"/>.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> SQL's three-valued logic, column by column: a left row qualifies iff every right row differs
/// from it in some column where both values are non-null. A right row that equals it wherever both are non-null
/// (NULLs compare unknown) makes the predicate FALSE or UNKNOWN, and the row is not returned; so an empty right side
/// keeps every left row. Values are equal when their encodings are (so <c>-0.0</c> and <c>0.0</c> differ). Left rows
/// are emitted and retracted as the right side changes.</para>
/// <para><b>State.</b> The operator sees all rows (the planner runs it with parallelism 1). Under one constant key: the
/// count of right rows per key (NULLs included); the left rows with their multiplicity are kept per key
/// (<see cref="NotInLeftRows"/>). A right key's first or last row revisits the left rows whose keys it can match: those
/// of the same key and of the left keys with a NULL when it has none, all left keys when it has one. The right keys and
/// the left keys with a NULL are also kept in memory (rebuilt from state when the operator opens), since they may
/// match keys other than their own.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread. <b>Lifecycle.</b> <see cref="Open"/> declares
/// (restores) the states; each input batch emits at most one output batch; nothing is buffered.</para>
/// </remarks>
public sealed class NullAwareRowAntiJoinOperator : StreamOperator, ITwoInputOperator
{
    private const int MaxCachedKeys = 100_000;
    private static readonly RowKey AllRows = new([0x4e, 0x52]);
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder[][] _columnEncoders;
    private readonly RowEncoder _leftRows;
    private readonly int _width;
    private readonly HashSet<RowData> _rightKeysWithNulls = [];
    private readonly HashSet<RowData> _leftKeysWithNulls = [];
    private readonly Dictionary<RowData, RowData?[]> _parts = [];
    private readonly NotInLeftRows _left;
    private IKeyedStateBackend<RowKey>? _backend;
    private IMapState<RowData, long>? _rightKeys;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0 (and of the output).</param>
    /// <param name="rightSchema">The schema of input 1.</param>
    /// <param name="leftKeys">The left columns of the tested row.</param>
    /// <param name="rightKeys">The right columns, pairwise compared with <paramref name="leftKeys"/> (same physical types).</param>
    /// <param name="stateTtl">The time-to-live of stored rows, or null.</param>
    public NullAwareRowAntiJoinOperator(Schema leftSchema, Schema rightSchema, int[] leftKeys, int[] rightKeys, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        Joins.JoinSupport.ValidateKeys(leftSchema, rightSchema, leftKeys, rightKeys, allowEmpty: false);
        _stateTtl = stateTtl;
        _width = leftKeys.Length;
        _columnEncoders =
        [
            leftKeys.Select(k => new RowEncoder(leftSchema, [k])).ToArray(),
            rightKeys.Select(k => new RowEncoder(rightSchema, [k])).ToArray(),
        ];
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
        _left.Open(_backend, "not-in-row", _stateTtl);
        _rightKeys = _backend.GetMapState(new MapStateDescriptor<RowData, long>("not-in-row-right-keys", RowDataSerializer.Instance, Serializers.Int64) { Ttl = _stateTtl });
        _backend.SetCurrentKey(AllRows);
        _rightKeysWithNulls.Clear();
        foreach (var key in _rightKeys.Keys())
        {
            if (HasNull(key))
            {
                _rightKeysWithNulls.Add(key);
            }
        }

        _leftKeysWithNulls.Clear();
        foreach (var key in _left.Keys())
        {
            if (HasNull(key))
            {
                _leftKeysWithNulls.Add(key);
            }
        }
    }

    /// <summary>A join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(NullAwareRowAntiJoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(NullAwareRowAntiJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        backend.SetCurrentKey(AllRows);
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var additive = records.GetRowKind(physical).IsAdditive();
            var key = KeyOf(input, records, physical);
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

    /// <inheritdoc />
    public override void Close()
    {
        _parts.Clear();
        _rightKeysWithNulls.Clear();
        _leftKeysWithNulls.Clear();
        base.Close();
    }

    /// <summary>The key of a row: per column a null flag and the column's own encoding.</summary>
    private RowData KeyOf(int input, RecordBatch batch, int physical)
    {
        var writer = new BinaryBufferWriter(64);
        foreach (var encoder in _columnEncoders[input])
        {
            var isNull = encoder.AnyNull(batch, physical);
            writer.WriteBoolean(!isNull);
            if (!isNull)
            {
                writer.WriteBytes(encoder.EncodeToScratch(batch, physical));
            }
        }

        return new RowData(writer.ToArray());
    }

    /// <summary>The columns of a key (null for a NULL value), cached.</summary>
    private RowData?[] Parts(RowData key)
    {
        if (_parts.TryGetValue(key, out var parts))
        {
            return parts;
        }

        parts = new RowData?[_width];
        var reader = new BinaryBufferReader(key.Bytes);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = reader.ReadBoolean() ? new RowData(reader.ReadBytes().ToArray()) : null;
        }

        if (_parts.Count >= MaxCachedKeys)
        {
            _parts.Clear();
        }

        _parts[key] = parts;
        return parts;
    }

    private bool HasNull(RowData key) => Array.Exists(Parts(key), p => p is null);

    /// <summary>True when the two keys are equal wherever both are non-null (the predicate is not FALSE for them).</summary>
    private bool Compatible(RowData left, RowData right)
    {
        if (left.Equals(right))
        {
            return true;
        }

        var l = Parts(left);
        var r = Parts(right);
        for (var i = 0; i < l.Length; i++)
        {
            if (l[i] is { } a && r[i] is { } b && !a.Equals(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when no right key can match <paramref name="key"/>: the left row is returned.</summary>
    private bool Qualifies(RowData key)
    {
        if (_rightKeys!.TryGet(key, out var exact) && exact > 0)
        {
            return false;
        }

        // A key without NULLs can only match itself or a right key with NULLs; one with NULLs may match any right key.
        var candidates = HasNull(key) ? _rightKeys.Keys() : _rightKeysWithNulls;
        foreach (var right in candidates)
        {
            if (Compatible(key, right))
            {
                return false;
            }
        }

        return true;
    }

    private void ProcessLeft(RecordBatchBuilder builder, RowData row, RowData key, bool additive)
    {
        if (_left.Apply(builder, row, key, additive, Qualifies(key)) && HasNull(key))
        {
            // The key gained its first row or lost its last one.
            if (additive)
            {
                _leftKeysWithNulls.Add(key);
            }
            else
            {
                _leftKeysWithNulls.Remove(key);
            }
        }
    }

    private void ProcessRight(RecordBatchBuilder builder, RowData key, bool additive)
    {
        var rightKeys = _rightKeys!;
        rightKeys.TryGet(key, out var count);
        if (!additive && count == 0)
        {
            return;
        }

        var newCount = count + (additive ? 1 : -1);
        if ((count == 0) == (newCount == 0))
        {
            rightKeys.Put(key, newCount);
            return;
        }

        // The key appears or disappears: revisit the left keys it can match (a key without NULLs matches only itself
        // and the keys with NULLs).
        var hasNull = HasNull(key);
        var candidates = hasNull ? _left.Keys() : [key, .. _leftKeysWithNulls];
        var affected = new List<(RowData Key, bool Before)>();
        foreach (var leftKey in candidates)
        {
            if (Compatible(leftKey, key))
            {
                affected.Add((leftKey, Qualifies(leftKey)));
            }
        }

        if (newCount == 0)
        {
            rightKeys.Remove(key);
            if (hasNull)
            {
                _rightKeysWithNulls.Remove(key);
            }
        }
        else
        {
            rightKeys.Put(key, newCount);
            if (hasNull)
            {
                _rightKeysWithNulls.Add(key);
            }
        }

        foreach (var (leftKey, before) in affected)
        {
            var after = Qualifies(leftKey);
            if (before != after)
            {
                _left.EmitRowsOf(builder, leftKey, after ? RowKind.Insert : RowKind.Delete);
            }
        }
    }
}
