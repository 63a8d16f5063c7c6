using System.Globalization;
using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Testing;

namespace Sluice.Sql.Physical.Tests.Windows;

/// <summary>
/// Test helpers for time-based operators: timestamps are written as epoch milliseconds (stored as microseconds), and
/// output rows are read back with every TIMESTAMP/TIMESTAMP_LTZ value shown as epoch milliseconds, e.g. <c>+I[a, 0, 10, 9, 3]</c>.
/// </summary>
internal static class TimeRows
{
    /// <summary>The storage value (microseconds) of epoch millisecond <paramref name="millis"/>.</summary>
    public static long Ms(long millis) => millis * 1000;

    public static List<string> Rows(OperatorHarness harness) => harness.OutputBatches.Cast<RecordBatch>().SelectMany(Rows).ToList();

    public static IEnumerable<string> Rows(RecordBatch batch)
    {
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            var builder = new StringBuilder(batch.GetRowKind(row).ToShortString()).Append('[');
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                if (c > 0)
                {
                    builder.Append(", ");
                }

                var column = batch.Column(c);
                if (column.IsNull(row))
                {
                    builder.Append("null");
                }
                else if (column.DataType.TypeId is TypeId.Timestamp or TypeId.TimestampLtz)
                {
                    builder.Append(TemporalConversions.MicrosToMillis(((PrimitiveVector<long>)column).Values[row]).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(Convert.ToString(column.GetValue(row), CultureInfo.InvariantCulture));
                }
            }

            yield return builder.Append(']').ToString();
        }
    }
}
