using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Ptf;

/// <summary>
/// Flink 2's <c>DEDUPLICATE_KEEP_FIRST</c> in its processing-time mode: per key (<see cref="RowKey"/> of the
/// PARTITION BY columns) the first row to arrive is emitted as +I and every later change of the key is dropped while the
/// key's state lives. The output is insert-only, its columns a rearrangement of the input's (keys first).
/// </summary>
/// <remarks>
/// <para><b>Input.</b> Insert-only or updating. A +I or +U of an unseen key is emitted (as +I) and marks the key seen;
/// a -U or -D of an unseen key is ignored and does not mark it; every change of a seen key is swallowed.</para>
/// <para><b>State.</b> A flag per key, with the optional time-to-live (processing time, from the injected
/// <see cref="TimeProvider"/>): once it expires the next row of the key starts a new period and is emitted again. With
/// <c>resetTtlOnDuplicate</c> a swallowed change refreshes the key's time-to-live; without, it runs from the first row.
/// Hash-partition the input by the key columns (<see cref="RecordBatchKeySelector"/>), or run at parallelism 1 without
/// keys (one group: only the first row of the whole input is emitted).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the state; each batch's first rows are emitted at once.</para>
/// </remarks>
public sealed class KeepFirstOperator : StreamOperator
{
    private const string StateName = "keep-first-seen";

    private readonly Schema _outputSchema;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _outputEncoder;
    private readonly StateTtlConfig? _stateTtl;
    private readonly bool _resetTtlOnDuplicate;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<bool>? _seen;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="keyColumns">The PARTITION BY columns (empty: one group).</param>
    /// <param name="outputColumns">The input column of each output column.</param>
    /// <param name="outputSchema">The schema of the output rows.</param>
    /// <param name="stateTtl">The time-to-live of a key's state, or null to keep it forever.</param>
    /// <param name="resetTtlOnDuplicate">Whether a swallowed change refreshes the key's time-to-live.</param>
    public KeepFirstOperator(Schema inputSchema, int[] keyColumns, int[] outputColumns, Schema outputSchema, StateTtlConfig? stateTtl, bool resetTtlOnDuplicate)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(outputColumns);
        ArgumentNullException.ThrowIfNull(outputSchema);
        if (outputColumns.Length != outputSchema.Count || outputColumns.Any(c => (uint)c >= (uint)inputSchema.Count))
        {
            throw new ArgumentException($"The output columns do not fit {inputSchema} and {outputSchema}.", nameof(outputColumns));
        }

        _outputSchema = outputSchema;
        _keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _outputEncoder = new RowEncoder(inputSchema, outputColumns);
        _stateTtl = stateTtl;
        _resetTtlOnDuplicate = resetTtlOnDuplicate;
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _seen = _backend.GetValueState(new ValueStateDescriptor<bool>(StateName, Serializers.Boolean) { Ttl = _stateTtl });
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(KeepFirstOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var seen = _seen!;
        RecordBatchBuilder? builder = null;
        try
        {
            for (var i = 0; i < records.RowCount; i++)
            {
                var row = records.PhysicalRow(i);
                backend.SetCurrentKey(_keyEncoder.KeyOf(records, row));
                if (seen.TryGet(out _))
                {
                    if (_resetTtlOnDuplicate && _stateTtl is not null)
                    {
                        seen.Update(true);
                    }

                    continue;
                }

                if (!records.GetRowKind(row).IsAdditive())
                {
                    // A retraction of a key that was not seen: ignored, and the key stays unseen.
                    continue;
                }

                seen.Update(true);
                builder ??= new RecordBatchBuilder(_outputSchema, Math.Max(16, records.RowCount));
                _outputEncoder.AppendTo(_outputEncoder.RowOf(records, row).Bytes, builder, 0);
                builder.AppendRowKind(RowKind.Insert);
            }

            if (builder is { RowCount: > 0 })
            {
                output.Collect(builder.Build());
            }
        }
        finally
        {
            builder?.Dispose();
        }
    }
}
