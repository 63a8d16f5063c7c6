using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Nexmark.Table;

/// <summary>
/// How the columns of a <c>nexmark</c> table are filled: Flink's layout (<c>event_type INT</c> and the ROW columns
/// <c>person</c>, <c>auction</c>, <c>bid</c>, any subset of their fields, by name, case-insensitive), plus an optional
/// physical <c>dateTime</c> column with the event time. Checked once when the table is created; immutable.
/// </summary>
internal sealed class NexmarkColumns
{
    public static readonly string[] PersonFields = ["id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra"];
    public static readonly string[] AuctionFields =
        ["id", "itemName", "description", "initialBid", "reserve", "dateTime", "expires", "seller", "category", "extra"];

    public static readonly string[] BidFields = ["auction", "bidder", "price", "channel", "url", "dateTime", "extra"];

    private static readonly HashSet<string> TimeFields = new(["dateTime", "expires"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> StringFields = new(
        ["name", "emailAddress", "creditCard", "city", "state", "extra", "itemName", "description", "channel", "url"], StringComparer.OrdinalIgnoreCase);

    public static bool IsStringField(string name) => StringFields.Contains(name);

    private NexmarkColumns(
        Schema schema, int eventType, int dateTime, ColumnTarget person, ColumnTarget auction, ColumnTarget bid, (int Column, int Field)[]? unread = null)
    {
        Unread = unread ?? [];
        Schema = schema;
        EventType = eventType;
        DateTime = dateTime;
        Person = person;
        Auction = auction;
        Bid = bid;
        Demand = new NexmarkDemand(person.ReadMask, auction.ReadMask, bid.ReadMask);
    }

    public Schema Schema { get; }

    /// <summary>The index of <c>event_type</c>, or -1.</summary>
    public int EventType { get; }

    /// <summary>The index of a physical <c>dateTime</c> column, or -1.</summary>
    public int DateTime { get; }

    public ColumnTarget Person { get; }

    public ColumnTarget Auction { get; }

    public ColumnTarget Bid { get; }

    /// <summary>The fields the generator has to fill: those with a column (the others it need not generate).</summary>
    public NexmarkDemand Demand { get; }

    /// <summary>
    /// The columns (<c>Field</c> -1) and ROW fields the job does not read: not generated, NULL in every row
    /// (see <see cref="Pad"/>).
    /// </summary>
    public (int Column, int Field)[] Unread { get; }

    /// <summary>
    /// These columns with what <paramref name="reads"/> says is not read left out of generation (projection pushdown);
    /// this instance when everything is read.
    /// </summary>
    public NexmarkColumns Reading(ColumnReads? reads)
    {
        if (reads is null || reads.IsEverything)
        {
            return this;
        }

        var unread = new List<(int Column, int Field)>();
        var eventType = Keep(EventType);
        var dateTime = Keep(DateTime);
        return new NexmarkColumns(Schema, eventType, dateTime, KeepRow(Person), KeepRow(Auction), KeepRow(Bid), [.. unread]);

        int Keep(int column)
        {
            if (column < 0 || reads.IsRead(column))
            {
                return column;
            }

            unread.Add((column, -1));
            return -1;
        }

        ColumnTarget KeepRow(ColumnTarget target)
        {
            if (target.Column < 0)
            {
                return target;
            }

            if (!reads.IsRead(target.Column))
            {
                unread.Add((target.Column, -1));
                return ColumnTarget.None;
            }

            var children = (int[])target.Children.Clone();
            for (var k = 0; k < children.Length; k++)
            {
                if (children[k] >= 0 && !reads.IsRead(target.Column, children[k]))
                {
                    unread.Add((target.Column, children[k]));
                    children[k] = -1;
                }
            }

            return target with { Children = children };
        }
    }

    /// <summary>Fills the <see cref="Unread"/> columns and fields of a batch of <paramref name="rows"/> rows with NULLs (one run each).</summary>
    public void Pad(RecordBatchBuilder batch, int rows)
    {
        foreach (var (column, field) in Unread)
        {
            if (field < 0)
            {
                batch.Column(column).AppendNulls(rows);
                continue;
            }

            var row = (StructVectorBuilder)batch.Column(column);
            var child = row.Child(field);
            child.AppendNulls(row.Count - child.Count);
        }
    }

    /// <summary>Checks <paramref name="schema"/> and maps its columns.</summary>
    /// <exception cref="TableOptionException">A column or field is unknown or has a type the generator cannot fill.</exception>
    public static NexmarkColumns Bind(Schema schema, string tableName)
    {
        int eventType = -1, dateTime = -1;
        ColumnTarget person = ColumnTarget.None, auction = ColumnTarget.None, bid = ColumnTarget.None;
        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema[i];
            switch (field.Name.ToUpperInvariant())
            {
                case "EVENT_TYPE":
                    Require(field.DataType.TypeId is TypeId.Int, tableName, field.Name, "INT");
                    eventType = i;
                    break;
                case "DATETIME":
                    Require(field.DataType.TypeId is TypeId.Timestamp or TypeId.TimestampLtz, tableName, field.Name, "TIMESTAMP(3)");
                    dateTime = i;
                    break;
                case "PERSON":
                    person = BindRow(i, field, PersonFields, tableName);
                    break;
                case "AUCTION":
                    auction = BindRow(i, field, AuctionFields, tableName);
                    break;
                case "BID":
                    bid = BindRow(i, field, BidFields, tableName);
                    break;
                default:
                    throw new TableOptionException(
                        $"Table '{tableName}' of connector 'nexmark' has column `{field.Name}`, which the generator cannot fill. " +
                        "Its columns are event_type INT, person ROW<...>, auction ROW<...>, bid ROW<...> and optionally `dateTime` TIMESTAMP(3).",
                        null, "connector 'nexmark'");
            }
        }

        return new NexmarkColumns(schema, eventType, dateTime, person, auction, bid);
    }

    private static ColumnTarget BindRow(int column, Field field, string[] known, string tableName)
    {
        Require(field.DataType.TypeId is TypeId.Row, tableName, field.Name, "ROW<...>");
        var children = new int[known.Length];
        Array.Fill(children, -1);
        var fields = field.DataType.Fields;
        for (var c = 0; c < fields.Count; c++)
        {
            var child = fields[c];
            var k = Array.FindIndex(known, n => string.Equals(n, child.Name, StringComparison.OrdinalIgnoreCase));
            if (k < 0)
            {
                throw new TableOptionException(
                    $"Field `{field.Name}`.`{child.Name}` of table '{tableName}' is not a field the nexmark generator fills; " +
                    $"the fields of `{field.Name}` are {string.Join(", ", known)}.", null, "connector 'nexmark'");
            }

            var name = $"{field.Name}.{child.Name}";
            if (TimeFields.Contains(child.Name))
            {
                Require(child.DataType.TypeId is TypeId.Timestamp or TypeId.TimestampLtz, tableName, name, "TIMESTAMP(3)");
            }
            else if (StringFields.Contains(child.Name))
            {
                Require(child.DataType.PhysicalType is PhysicalType.Utf8, tableName, name, "VARCHAR");
            }
            else
            {
                Require(child.DataType.TypeId is TypeId.BigInt, tableName, name, "BIGINT");
            }

            children[k] = c;
        }

        return new ColumnTarget(column, children);
    }

    private static void Require(bool condition, string tableName, string column, string type)
    {
        if (!condition)
        {
            throw new TableOptionException(
                $"Column `{column}` of table '{tableName}' (connector 'nexmark') must be {type}.", null, "connector 'nexmark'");
        }
    }

    /// <summary>Where a ROW column is, and the index of each known field among its children (-1 when absent).</summary>
    internal sealed record ColumnTarget(int Column, int[] Children)
    {
        public static ColumnTarget None { get; } = new(-1, []);

        public StructVectorBuilder? Builder(RecordBatchBuilder batch) => Column < 0 ? null : (StructVectorBuilder)batch.Column(Column);

        /// <summary>Bit k set when known field k has a column.</summary>
        public int ReadMask
        {
            get
            {
                var mask = 0;
                for (var k = 0; k < Children.Length && Column >= 0; k++)
                {
                    mask |= Children[k] >= 0 ? 1 << k : 0;
                }

                return mask;
            }
        }
    }
}
