using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Nexmark.Model;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Nexmark.Tests.Table;

/// <summary>Drives a <see cref="NexmarkSource"/>'s readers by hand and turns its rows into comparable text.</summary>
internal static class SourceTestKit
{
    public static Schema FlinkSchema => NexmarkSource.FlinkSchema;

    /// <summary>The text of an event as the source's row for <see cref="FlinkSchema"/> must read.</summary>
    public static string ExpectedRow(NexmarkEvent e) => e switch
    {
        Person p => Text([0, new object?[] { p.Id, p.Name, p.EmailAddress, p.CreditCard, p.City, p.State, T(p.DateTime), p.Extra }, null, null]),
        Auction a => Text([1, null, new object?[] { a.Id, a.ItemName, a.Description, a.InitialBid, a.Reserve, T(a.DateTime), T(a.Expires), a.Seller, a.Category, a.Extra }, null]),
        Bid b => Text([2, null, null, new object?[] { b.Auction, b.Bidder, b.Price, b.Channel, b.Url, T(b.DateTime), b.Extra }]),
        _ => throw new ArgumentException("Unknown event.", nameof(e)),
    };

    /// <summary>The rows of a batch as text.</summary>
    public static IEnumerable<string> Rows(RecordBatch batch)
    {
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            yield return Text([.. Enumerable.Range(0, batch.ColumnCount).Select(c => batch.Column(c).GetValue(row))]);
        }
    }

    /// <summary>Polls <paramref name="reader"/> until it ends or <paramref name="maxBatches"/> batches came; returns the rows by split.</summary>
    public static Dictionary<string, List<string>> Drain(ISourceReader<NexmarkSplit> reader, int maxBatches = int.MaxValue)
    {
        var output = new CollectingOutput();
        for (var i = 0; i < maxBatches; i++)
        {
            if (reader.PollNext(output) == InputStatus.EndOfInput)
            {
                break;
            }
        }

        return output.RowsBySplit;
    }

    /// <summary>A timestamp of the generator (epoch milliseconds) as the source's rows hold it.</summary>
    public static DateTime T(long millis) => DateTime.UnixEpoch.AddMilliseconds(millis);

    /// <summary>A row's values as text, nested rows in brackets.</summary>
    public static string Text(object?[] values) => "[" + string.Join(", ", values.Select(v => v switch
    {
        null => "NULL",
        object?[] nested => Text(nested),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString(),
    })) + "]";

    private sealed class CollectingOutput : ISourceOutput
    {
        public Dictionary<string, List<string>> RowsBySplit { get; } = [];

        public void Emit(string splitId, IBatch batch)
        {
            using var rows = (RecordBatch)batch;
            if (!RowsBySplit.TryGetValue(splitId, out var list))
            {
                RowsBySplit[splitId] = list = [];
            }

            list.AddRange(Rows(rows));
        }

        public void SplitFinished(string splitId)
        {
        }
    }
}
