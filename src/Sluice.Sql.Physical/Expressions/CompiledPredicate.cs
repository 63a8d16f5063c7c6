using System.Numerics;
using Sluice.Core.Batches;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A compiled <c>BOOLEAN</c> expression used as a filter: a row passes when the expression is TRUE (NULL and FALSE
/// reject it). Not thread-safe; see <see cref="CompiledExpression"/>.
/// </summary>
public sealed class CompiledPredicate
{
    private readonly CompiledExpression _expression;

    internal CompiledPredicate(CompiledExpression expression) => _expression = expression;

    /// <summary>The underlying boolean expression.</summary>
    public CompiledExpression Expression => _expression;

    /// <summary>
    /// Writes the physical indices of the rows that pass, ascending, to <paramref name="selectedRows"/> and returns
    /// how many. When the batch has a selection, only selected rows are considered, and only they are evaluated.
    /// </summary>
    /// <param name="batch">The batch to filter.</param>
    /// <param name="selectedRows">Room for at least <see cref="RecordBatch.RowCount"/> indices.</param>
    public int Filter(RecordBatch batch, Span<int> selectedRows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(selectedRows.Length, batch.HasSelection ? batch.RowCount : batch.PhysicalRowCount, nameof(selectedRows));
        _expression.BeginBatch();
        var count = 0;
        if (batch.HasSelection)
        {
            var selection = batch.Selection;
            using var values = _expression.EvaluateRows(batch, selection);
            var booleans = (BooleanVector)values;
            for (var j = 0; j < selection.Length; j++)
            {
                if (!booleans.IsNull(j) && booleans[j])
                {
                    selectedRows[count++] = selection[j];
                }
            }

            return count;
        }

        using var vector = _expression.EvaluateAll(batch);
        var bits = ((BooleanVector)vector).Bits;
        var nulls = vector.NullBitmap;
        var rows = batch.PhysicalRowCount;
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w] & ~(nulls.IsEmpty ? 0UL : nulls[w]);
            while (word != 0)
            {
                var row = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (row < rows)
                {
                    selectedRows[count++] = row;
                }
            }
        }

        return count;
    }
}
