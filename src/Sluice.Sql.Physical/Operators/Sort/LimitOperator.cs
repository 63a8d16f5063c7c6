using System.Runtime.InteropServices;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Sort;

/// <summary>
/// <c>LIMIT n [OFFSET m]</c> without <c>ORDER BY</c> over an insert-only input: passes on the rows that arrive as
/// number <c>m + 1</c> to <c>m + n</c> and drops the others. Output schema: the input schema; insert-only.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> Rows are counted in arrival order (logical rows of each batch, batch after batch); the
/// first <c>offset</c> are skipped, the next <c>limit</c> are emitted (as a selection of the input batch, without
/// copying values), and every later row is dropped. Which rows are "first" depends on arrival order, as in Flink.
/// A row that is not +I throws <see cref="InvalidOperationException"/>.</para>
/// <para><b>Parallelism.</b> 1: the planner gives it the whole input on one subtask.</para>
/// <para><b>State.</b> The number of rows counted so far, in operator state written at each checkpoint.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the count; each input batch is consumed and at
/// most one output batch emitted; watermarks are forwarded unchanged.</para>
/// </remarks>
public sealed class LimitOperator : StreamOperator
{
    private readonly long _offset;
    private readonly long _end;
    private readonly List<int> _selected = [];
    private IListState<long>? _countState;
    private long _count;

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The schema of the input (and output) rows.</param>
    /// <param name="limit">The number of rows to emit.</param>
    /// <param name="offset">The number of leading rows to skip.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit or offset is negative.</exception>
    public LimitOperator(Schema schema, long limit, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        OutputSchema = schema;
        _offset = offset;
        _end = Joins.JoinSupport.SaturatingAdd(offset, limit);
    }

    /// <summary>The output schema (the input schema).</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _countState = context.OperatorState.GetListState("limit-count", Serializers.Int64);
        _count = _countState.Get().Sum();
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(LimitOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        _selected.Clear();
        for (var i = 0; i < records.RowCount && _count < _end; i++)
        {
            var kind = records.GetRowKind(records.PhysicalRow(i));
            if (kind != RowKind.Insert)
            {
                throw new InvalidOperationException($"LIMIT without ORDER BY takes an insert-only input, but received a {kind.ToShortString()} row.");
            }

            if (_count++ >= _offset)
            {
                _selected.Add(i);
            }
        }

        if (_selected.Count > 0)
        {
            output.Collect(records.Gather(CollectionsMarshal.AsSpan(_selected)));
        }
    }

    /// <inheritdoc />
    public override void SnapshotState(long checkpointId) => _countState!.Update([_count]);
}
