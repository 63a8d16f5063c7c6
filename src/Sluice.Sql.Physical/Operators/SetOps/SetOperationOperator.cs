using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.SetOps;

/// <summary>
/// SQL's <c>INTERSECT [ALL]</c> and <c>EXCEPT [ALL]</c> over two changelogs, with multiset semantics: input 0 is the
/// left query, input 1 the right. Per distinct row it keeps how often the row is in each input and emits the
/// changes of the result as a retract changelog (+I and -D rows only). Output schema: the left schema (no row time).
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> With <c>l</c> and <c>r</c> the current counts of a row on the left and on the right, the
/// row is in the result <see cref="SetOperationKind.Intersect"/>: once when both are positive;
/// <see cref="SetOperationKind.IntersectAll"/>: <c>min(l, r)</c> times; <see cref="SetOperationKind.Except"/>: once
/// when <c>l &gt; 0</c> and <c>r = 0</c>; <see cref="SetOperationKind.ExceptAll"/>: <c>max(l - r, 0)</c> times. Rows
/// are compared as in SQL set operations: nulls are equal to each other. +I and +U rows add one to their side's
/// count, -U and -D rows remove one; a retraction of a row whose count is already zero is ignored, as in Flink.</para>
/// <para><b>Emission.</b> Per input batch (a mini-batch), for each distinct row touched, in the order of first
/// appearance, the net change of its result multiplicity: that many +I rows when it grows, that many -D rows when it
/// shrinks, nothing when it is unchanged; one output batch per input batch.</para>
/// <para><b>State.</b> One value state per distinct row (<see cref="RowKey"/> of all columns): the pair (left count,
/// right count), cleared when both are zero. Both inputs must be hash-partitioned by all their columns with
/// <see cref="RecordBatchKeySelector"/> (so equal rows of both sides meet in one subtask). Restorable, also at
/// another parallelism.</para>
/// <para><b>Types.</b> Both inputs have the same number of columns, pairwise of the same physical type (the planner
/// casts them to the common type first); nested columns (ARRAY, MAP, MULTISET, ROW) are not supported.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) the count state; each
/// input batch is consumed and at most one output batch emitted; nothing is buffered between batches.</para>
/// </remarks>
public sealed class SetOperationOperator : StreamOperator, ITwoInputOperator
{
    private static readonly ITypeSerializer<(long Left, long Right)> CountsSerializer = Serializers.Tuple(Serializers.Int64, Serializers.Int64);

    private readonly SetOperationKind _kind;
    private readonly RowEncoder[] _encoders;
    private readonly RowEncoder _outputEncoder;
    private readonly Dictionary<RowKey, (long Left, long Right)> _deltas = [];
    private readonly List<RowKey> _order = [];
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<(long Left, long Right)>? _counts;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0 (and of the output, without row time).</param>
    /// <param name="rightSchema">The schema of input 1: as many columns as the left, pairwise of the same physical type.</param>
    /// <param name="kind">The set operation.</param>
    /// <exception cref="ArgumentException">The schemas do not line up, or a column is of a nested type.</exception>
    public SetOperationOperator(Schema leftSchema, Schema rightSchema, SetOperationKind kind)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        if (leftSchema.Count != rightSchema.Count || leftSchema.Count == 0)
        {
            throw new ArgumentException(
                $"Both inputs of {kind} need the same (positive) number of columns; got {leftSchema} and {rightSchema}.", nameof(rightSchema));
        }

        for (var i = 0; i < leftSchema.Count; i++)
        {
            var l = leftSchema[i].DataType;
            var r = rightSchema[i].DataType;
            if (l.PhysicalType != r.PhysicalType || l.Scale != r.Scale)
            {
                throw new ArgumentException($"Column {i} is {l} on the left and {r} on the right; cast both to one type first.", nameof(rightSchema));
            }
        }

        if (kind is not (SetOperationKind.Intersect or SetOperationKind.IntersectAll or SetOperationKind.Except or SetOperationKind.ExceptAll))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown set operation.");
        }

        _kind = kind;
        _encoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        OutputSchema = leftSchema.WithRowTime(-1);
        _outputEncoder = RowEncoder.AllColumns(OutputSchema);
    }

    /// <summary>The output schema: the left schema without row time.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The set operation.</summary>
    public SetOperationKind Kind => _kind;

    /// <summary>The number of times a row with counts (<paramref name="left"/>, <paramref name="right"/>) is in the result of <paramref name="kind"/>.</summary>
    public static long Multiplicity(SetOperationKind kind, long left, long right) => kind switch
    {
        SetOperationKind.Intersect => left > 0 && right > 0 ? 1 : 0,
        SetOperationKind.IntersectAll => Math.Max(0, Math.Min(left, right)),
        SetOperationKind.Except => left > 0 && right <= 0 ? 1 : 0,
        SetOperationKind.ExceptAll => Math.Max(0, left - Math.Max(0, right)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown set operation."),
    };

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _counts = _backend.GetValueState(new ValueStateDescriptor<(long Left, long Right)>("set-op-counts", CountsSerializer));
    }

    /// <summary>A set operation has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(SetOperationOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SetOperationOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _counts!;
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        try
        {
            // Rows of one key are applied in input order; a retraction below zero is ignored at the point it happens.
            for (var i = 0; i < records.RowCount; i++)
            {
                var physical = records.PhysicalRow(i);
                var key = _encoders[input].KeyOf(records, physical);
                if (!_deltas.TryGetValue(key, out var counts))
                {
                    backend.SetCurrentKey(key);
                    state.TryGet(out counts);
                    _order.Add(key);
                    _deltas.Add(key, counts);
                }

                var change = records.GetRowKind(physical).IsAdditive() ? 1 : -1;
                counts = input == 0
                    ? (Math.Max(0, counts.Left + change), counts.Right)
                    : (counts.Left, Math.Max(0, counts.Right + change));
                _deltas[key] = counts;
            }

            foreach (var key in _order)
            {
                backend.SetCurrentKey(key);
                state.TryGet(out var before);
                var after = _deltas[key];
                if (after.Left == 0 && after.Right == 0)
                {
                    state.Clear();
                }
                else
                {
                    state.Update(after);
                }

                var delta = Multiplicity(_kind, after.Left, after.Right) - Multiplicity(_kind, before.Left, before.Right);
                var kind = delta > 0 ? RowKind.Insert : RowKind.Delete;
                for (var n = Math.Abs(delta); n > 0; n--)
                {
                    _outputEncoder.AppendTo(key.Bytes, builder, 0);
                    builder.AppendRowKind(kind);
                }
            }
        }
        finally
        {
            _deltas.Clear();
            _order.Clear();
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }
}
