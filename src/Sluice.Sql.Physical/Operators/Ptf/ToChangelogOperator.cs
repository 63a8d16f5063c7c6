using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;

namespace Sluice.Sql.Physical.Operators.Ptf;

/// <summary>
/// Flink 2's <c>TO_CHANGELOG</c>: every change of the input becomes an inserted row that names the change's kind in an
/// operation column. Output columns: the partition keys, the operation column (<c>STRING NOT NULL</c>), then the other
/// input columns; the output is insert-only.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> A row of kind +I, -U, +U or -D is emitted with the code of its kind (by default
/// <c>INSERT</c>, <c>UPDATE_BEFORE</c>, <c>UPDATE_AFTER</c>, <c>DELETE</c>); a kind without a code is dropped.</para>
/// <para><b>State.</b> None: each batch is turned into one output batch. The planner routes a key's changes to one
/// subtask (hash by the partition keys), so they stay in order.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// </remarks>
public sealed class ToChangelogOperator : StreamOperator
{
    private readonly Schema _outputSchema;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _restEncoder;
    private readonly int _keyCount;
    private readonly string?[] _codes;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="keyColumns">The partition key columns, written first.</param>
    /// <param name="restColumns">The other input columns, written after the operation column.</param>
    /// <param name="outputSchema">The output schema: keys, operation column, other columns.</param>
    /// <param name="codes">The code of +I, -U, +U and -D, in that order; null drops the kind.</param>
    public ToChangelogOperator(Schema inputSchema, int[] keyColumns, int[] restColumns, Schema outputSchema, IReadOnlyList<string?> codes)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(restColumns);
        ArgumentNullException.ThrowIfNull(outputSchema);
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count != 4 || outputSchema.Count != keyColumns.Length + 1 + restColumns.Length)
        {
            throw new ArgumentException($"Four codes and an output schema of the keys, the operation and the other columns are needed, not {outputSchema}.", nameof(codes));
        }

        _outputSchema = outputSchema;
        _keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _restEncoder = new RowEncoder(inputSchema, restColumns);
        _keyCount = keyColumns.Length;
        _codes = [.. codes];
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(ToChangelogOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        using var builder = new RecordBatchBuilder(_outputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            var code = _codes[records.GetRowKind(row) switch
            {
                RowKind.Insert => 0,
                RowKind.UpdateBefore => 1,
                RowKind.UpdateAfter => 2,
                _ => 3,
            }];
            if (code is null)
            {
                continue;
            }

            _keyEncoder.AppendTo(_keyEncoder.RowOf(records, row).Bytes, builder, 0);
            builder.AppendString(_keyCount, code);
            _restEncoder.AppendTo(_restEncoder.RowOf(records, row).Bytes, builder, _keyCount + 1);
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }
}
