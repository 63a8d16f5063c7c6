using System.Globalization;
using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Testing;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// Reads harness output as changelog strings in which timestamps are written as epoch milliseconds, so expected
/// rows stay readable: <c>+I[1, a, 100, 1, x, 95]</c>.
/// </summary>
internal static class TimedRows
{
    /// <summary>The storage value (microseconds) of a TIMESTAMP at <paramref name="millis"/> epoch milliseconds.</summary>
    public static long T(long millis) => millis * 1000;

    public static List<string> TimedOutput(OperatorHarness harness) =>
        harness.OutputBatches.Cast<RecordBatch>().SelectMany(Rows).ToList();

    public static IEnumerable<string> Rows(RecordBatch batch)
    {
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            var text = new StringBuilder(batch.GetRowKind(row).ToShortString()).Append('[');
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                text.Append(c > 0 ? ", " : string.Empty).Append(Format(batch.Column(c).GetValue(row)));
            }

            yield return text.Append(']').ToString();
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        DateTime t => TemporalConversions.MicrosToMillis(TemporalConversions.ToEpochMicros(t)).ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => TemporalConversions.MicrosToMillis(TemporalConversions.ToEpochMicros(t)).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
