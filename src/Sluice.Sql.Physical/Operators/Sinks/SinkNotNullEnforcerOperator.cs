using System.Buffers;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;

namespace Sluice.Sql.Physical.Operators.Sinks;

/// <summary>
/// Flink SQL's sink <c>NOT NULL</c> enforcer (<c>table.exec.sink.not-null-enforcer</c>): checks the rows going into a
/// sink for nulls in its <c>NOT NULL</c> columns. With <c>ERROR</c> (the default) such a row fails the job, naming the
/// table and the column; with <c>DROP</c> it is dropped silently. Rows of every kind are checked. The output schema is
/// the input schema.
/// </summary>
/// <remarks>
/// <para><b>Columnar.</b> Only the checked columns' null flags are read; a batch without nulls there passes unchanged,
/// dropped rows are left out by a selection instead of being copied.</para>
/// <para><b>State.</b> None. Any parallelism (it is chained to the sink's input).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> Each input batch is consumed and at most one output batch emitted.</para>
/// </remarks>
public sealed class SinkNotNullEnforcerOperator : StreamOperator
{
    /// <summary>The configuration key of the enforcer.</summary>
    public const string OptionKey = "table.exec.sink.not-null-enforcer";

    private readonly string _table;
    private readonly Schema _schema;
    private readonly int[] _columns;
    private readonly bool _drop;

    /// <summary>Creates the operator.</summary>
    /// <param name="table">The sink table's name, for the error message.</param>
    /// <param name="schema">The schema of the rows (the sink's columns).</param>
    /// <param name="notNullColumns">The columns that must not be null.</param>
    /// <param name="drop">True to drop rows with a null there (<c>DROP</c>), false to fail (<c>ERROR</c>).</param>
    public SinkNotNullEnforcerOperator(string table, Schema schema, int[] notNullColumns, bool drop)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(notNullColumns);
        foreach (var column in notNullColumns)
        {
            if ((uint)column >= (uint)schema.Count)
            {
                throw new ArgumentException($"Column {column} is outside the schema {schema}.", nameof(notNullColumns));
            }
        }

        _table = table;
        _schema = schema;
        _columns = notNullColumns;
        _drop = drop;
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var input = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SinkNotNullEnforcerOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        if (!HasNull(input))
        {
            output.Collect(input);
            return;
        }

        var selected = ArrayPool<int>.Shared.Rent(Math.Max(1, input.RowCount));
        try
        {
            var kept = 0;
            for (var i = 0; i < input.RowCount; i++)
            {
                var row = input.PhysicalRow(i);
                var column = NullColumn(input, row);
                if (column < 0)
                {
                    selected[kept++] = row;
                }
                else if (!_drop)
                {
                    input.Dispose();
                    throw new SluiceException(
                        $"Column '{_schema[column].Name}' of table '{_table}' is NOT NULL, however, a null value is being written into it. "
                        + $"You can set '{OptionKey}' = 'DROP' to drop such rows silently instead.",
                        ErrorDomain.User);
                }
            }

            if (kept == 0)
            {
                input.Dispose();
                return;
            }

            output.Collect(input.WithSelection(selected.AsSpan(0, kept)));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(selected);
        }
    }

    private bool HasNull(RecordBatch input)
    {
        foreach (var column in _columns)
        {
            var vector = input.Column(column);
            if (!vector.HasNulls)
            {
                continue;
            }

            for (var i = 0; i < input.RowCount; i++)
            {
                if (vector.IsNull(input.PhysicalRow(i)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The first checked column that is null in <paramref name="row"/>, or -1.</summary>
    private int NullColumn(RecordBatch input, int row)
    {
        foreach (var column in _columns)
        {
            if (input.Column(column).IsNull(row))
            {
                return column;
            }
        }

        return -1;
    }
}
