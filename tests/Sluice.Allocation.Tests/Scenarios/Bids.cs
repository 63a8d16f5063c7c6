using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Allocation.Tests.Scenarios;

/// <summary>
/// Columnar batches of Nexmark-like bids (<c>auction, bidder, price, channel, url, date_time, extra</c>), generated
/// from a sequence number so that every batch is different but the key and value domains are bounded: auction
/// <c>seq % auctions</c>, price 1..101, one millisecond of event time per bid. One builder is reused, so making a
/// batch allocates only the batch's shell (the column buffers come from the pool).
/// </summary>
public sealed class Bids : IDisposable
{
    /// <summary>The columns of the bid table, in order.</summary>
    public const string TableDdl = """
        CREATE TABLE bid (
          auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING, date_time TIMESTAMP(3), extra STRING
        ) WITH ('connector' = 'datagen')
        """;

    /// <summary>The index of <c>auction</c>.</summary>
    public const int Auction = 0;

    /// <summary>The index of <c>price</c>.</summary>
    public const int Price = 2;

    /// <summary>The index of <c>date_time</c> (the row time).</summary>
    public const int DateTime = 5;

    /// <summary>The event time of sequence number 0, in epoch milliseconds.</summary>
    public const long StartMillis = 1_700_000_000_000;

    private static readonly byte[][] Channels = [.. new[] { "Google", "Facebook", "Baidu", "Apple" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] Urls = [.. Enumerable.Range(0, 16).Select(i => Encoding.UTF8.GetBytes($"https://www.nexmark.com/item.htm?query={i}"))];

    private readonly RecordBatchBuilder _builder;

    /// <summary>Creates a generator of batches of <paramref name="rows"/> bids over <paramref name="auctions"/> auctions.</summary>
    public Bids(int rows, int auctions)
    {
        Rows = rows;
        Auctions = auctions;
        _builder = new RecordBatchBuilder(Schema, rows);
    }

    /// <summary>The schema (row time <c>date_time</c>).</summary>
    public static Schema Schema { get; } = new(
        [
            new Field("auction", DataTypes.BigInt()),
            new Field("bidder", DataTypes.BigInt()),
            new Field("price", DataTypes.BigInt()),
            new Field("channel", DataTypes.String()),
            new Field("url", DataTypes.String()),
            new Field("date_time", DataTypes.Timestamp(3)),
            new Field("extra", DataTypes.String()),
        ], rowTimeIndex: DateTime);

    /// <summary>Rows per batch.</summary>
    public int Rows { get; }

    /// <summary>Distinct auctions (group keys).</summary>
    public int Auctions { get; }

    /// <summary>The auction of sequence number <paramref name="seq"/>.</summary>
    public long AuctionOf(long seq) => seq % Auctions;

    /// <summary>
    /// The price of sequence number <paramref name="seq"/> (1..101): two prices per auction, alternating from one round
    /// over the auctions to the next, so MAX keeps two values per group and sums change.
    /// </summary>
    public static long PriceOf(long seq, int auctions = 1000) => 1 + ((seq * 7919) % 100) + ((seq / auctions) % 2);

    /// <summary>The event time of sequence number <paramref name="seq"/>, in epoch milliseconds.</summary>
    public static long MillisOf(long seq) => StartMillis + seq;

    /// <summary>
    /// The batch of bids <paramref name="firstSeq"/>.. (<see cref="Rows"/> of them), all inserts; with
    /// <paramref name="retractPrevious"/>, the first half retracts (-U) the bids <c>firstSeq - Rows/2</c>.. (the newest
    /// half of the batch before) and the second half adds (+U) the bids <c>firstSeq</c>..<c>firstSeq + Rows/2 - 1</c>, so
    /// every group keeps its row count when the next such batch starts <c>Rows/2</c> later.
    /// </summary>
    public RecordBatch Batch(long firstSeq, bool retractPrevious = false)
    {
        var half = Rows / 2;
        for (var i = 0; i < Rows; i++)
        {
            if (retractPrevious)
            {
                var seq = i < half ? firstSeq - half + i : firstSeq + i - half;
                Append(seq, i < half ? RowKind.UpdateBefore : RowKind.UpdateAfter);
            }
            else
            {
                Append(firstSeq + i, RowKind.Insert);
            }
        }

        return _builder.Build();
    }

    /// <inheritdoc />
    public void Dispose() => _builder.Dispose();

    private void Append(long seq, RowKind kind)
    {
        _builder.AppendInt64(0, AuctionOf(seq));
        _builder.AppendInt64(1, 1000 + (seq % 997));
        _builder.AppendInt64(2, PriceOf(seq, Auctions));
        _builder.AppendString(3, Channels[seq % Channels.Length]);
        _builder.AppendString(4, Urls[seq % Urls.Length]);
        _builder.AppendInt64(5, MillisOf(seq) * 1000);
        _builder.AppendString(6, ReadOnlySpan<byte>.Empty);
        _builder.AppendRowKind(kind);
    }
}
