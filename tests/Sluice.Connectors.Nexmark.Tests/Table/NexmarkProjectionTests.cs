using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Connectors.Nexmark.Model;
using Sluice.Connectors.Nexmark.Table;

namespace Sluice.Connectors.Nexmark.Tests.Table;

/// <summary>
/// The source generates only what a job reads, skipping the random draws of unread fields and measuring unread strings
/// whose length a read <c>extra</c> depends on: whatever is read, the read fields must be exactly the fields of the full
/// event.
/// </summary>
public class NexmarkProjectionTests
{
    private static readonly NexmarkConfiguration Configuration = new() { EventsNum = 6_000, Seed = 23, BaseTime = 1_700_000_000_000 };
    private static readonly List<NexmarkEvent> Events = [.. new NexmarkGenerator(Configuration).Events(0, Configuration.EventsNum)];

    // Field numbers: person id 0, name 1, emailAddress 2, creditCard 3, city 4, state 5, dateTime 6, extra 7; auction id 0,
    // itemName 1, description 2, initialBid 3, reserve 4, dateTime 5, expires 6, seller 7, category 8, extra 9; bid auction 0,
    // bidder 1, price 2, channel 3, url 4, dateTime 5, extra 6. "-": the column is not read; "*": all of it.
    [Theory]
    [InlineData("6", "5", "5", 1)] // the computed dateTime of the benchmark's DDL alone: no event draws anything
    [InlineData("7", "9", "6", 1)] // extra alone: every string before it measured, not drawn
    [InlineData("1,4,5", "7,8", "0,1,2", 1)] // draws after skipped e-mails, card digits, prices and strings
    [InlineData("2", "2", "3", 1)] // the strings alone
    [InlineData("3", "1,4", "4", 1)] // the card; reserve without initialBid; the URL without the channel
    [InlineData("-", "6,9", "2,6", 3)] // three splits: strided events
    [InlineData("*", "-", "*", 2)]
    public void ReadFields_AreTheFullEventsFields_WhateverElseIsRead(string person, string auction, string bid, int parallelism)
    {
        var reads = Reads(person, auction, bid);
        var source = new NexmarkSource(Configuration, SourceTestKit.FlinkSchema, reads: reads) { BatchSize = 700 };
        var rows = new string[Events.Count];
        foreach (var split in source.DiscoverSplits(parallelism))
        {
            using var reader = source.CreateReader(new SourceReaderContext(split.Index, parallelism, TimeProvider.System));
            reader.AddSplits([split]);
            var splitRows = SourceTestKit.Drain(reader)[split.SplitId];
            for (var i = 0; i < splitRows.Count; i++)
            {
                rows[split.Index + (i * split.Stride)] = splitRows[i];
            }
        }

        Assert.Equal(Events.Select(e => Expected(e, reads)), rows);
    }

    private static ColumnReads Reads(params string[] rows)
    {
        var whole = new bool[4];
        var fields = new IReadOnlySet<int>?[4];
        whole[0] = true;
        for (var c = 0; c < rows.Length; c++)
        {
            switch (rows[c])
            {
                case "*":
                    whole[c + 1] = true;
                    break;
                case "-":
                    break;
                default:
                    fields[c + 1] = rows[c].Split(',').Select(int.Parse).ToHashSet();
                    break;
            }
        }

        return new ColumnReads(4, whole, fields);
    }

    private static string Expected(NexmarkEvent e, ColumnReads reads)
    {
        var values = new object?[4];
        values[0] = e switch { Person => 0, Auction => 1, _ => 2 };
        var (column, fields) = e switch
        {
            Person p => (1, new object?[] { p.Id, p.Name, p.EmailAddress, p.CreditCard, p.City, p.State, SourceTestKit.T(p.DateTime), p.Extra }),
            Auction a => (2, new object?[]
            {
                a.Id, a.ItemName, a.Description, a.InitialBid, a.Reserve, SourceTestKit.T(a.DateTime), SourceTestKit.T(a.Expires), a.Seller,
                a.Category, a.Extra,
            }),
            Bid b => (3, new object?[] { b.Auction, b.Bidder, b.Price, b.Channel, b.Url, SourceTestKit.T(b.DateTime), b.Extra }),
            _ => throw new ArgumentException("Unknown event.", nameof(e)),
        };

        if (reads.IsRead(column))
        {
            values[column] = fields.Select((value, field) => reads.IsRead(column, field) ? value : null).ToArray();
        }

        return SourceTestKit.Text(values);
    }
}
