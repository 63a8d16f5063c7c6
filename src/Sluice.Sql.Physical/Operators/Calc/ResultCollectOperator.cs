using System.Threading.Channels;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;

namespace Sluice.Sql.Physical.Operators.Calc;

/// <summary>
/// The end of a query's job: hands every result batch, with its row kinds, to a channel the client reads (the
/// changelog of a <c>SELECT</c>). Runs with parallelism 1, so the client sees the changes in the order they arrived.
/// </summary>
/// <remarks>
/// Not a transactional sink: results are delivered when they arrive, not when a checkpoint completes (as Flink's
/// collect sink in at-least-once mode). Batches are retyped to the result schema (the query's column names).
/// <b>Threading.</b> Runs on its task's thread; the channel is the only shared object.
/// </remarks>
public sealed class ResultCollectOperator : StreamOperator
{
    private readonly Schema _schema;
    private readonly ChannelWriter<RecordBatch> _results;

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The result schema.</param>
    /// <param name="results">Where result batches go; the reader owns them.</param>
    public ResultCollectOperator(Schema schema, ChannelWriter<RecordBatch> results)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(results);
        _schema = schema;
        _results = results;
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        var records = ((RecordBatch)batch).Compact();
        if (records.RowCount == 0)
        {
            records.Dispose();
            return;
        }

        var columns = new Core.Vectors.ColumnVector[records.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = records.Column(i).Retain();
        }

        var result = new RecordBatch(_schema, columns, records.RowCount, records.RowKinds);
        records.Dispose();
        if (!_results.TryWrite(result))
        {
            result.Dispose();
        }
    }
}
