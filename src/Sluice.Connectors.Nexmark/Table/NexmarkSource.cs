using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Connectors.Nexmark.Table;

/// <summary>
/// The <c>nexmark</c> source: generates the Nexmark event stream of a <see cref="NexmarkConfiguration"/> as columnar
/// batches shaped like Flink's <c>nexmark</c> table (see <see cref="NexmarkTableFactory"/>).
/// </summary>
/// <remarks>
/// <para><b>Splits.</b> One per reader at the first start (fewer when there are fewer events than readers); split i of
/// p generates the events i, i + p, i + 2p, ... of the stream (<see cref="NexmarkSplit"/>). Every event depends only on
/// the configuration and its index, so all splits together generate exactly the stream a single split generates, at
/// any parallelism, and a restored split continues with the very event after its checkpointed position.</para>
/// <para><b>Boundedness.</b> Bounded when <c>events.num</c> (or <c>stop-at</c>) is set, unless <c>keep-alive</c> keeps
/// the finished source running idle.</para>
/// </remarks>
public sealed class NexmarkSource : ISource<NexmarkSplit>
{
    /// <summary>The number of events per batch unless configured otherwise.</summary>
    public const int DefaultBatchSize = 4096;

    /// <summary>Creates the source.</summary>
    /// <param name="configuration">The stream.</param>
    /// <param name="schema">The physical columns to fill (Flink's layout, see <see cref="NexmarkTableFactory"/>).</param>
    /// <param name="tableName">The table's name, for messages.</param>
    /// <param name="reads">What the job reads of <paramref name="schema"/> (the rest stays NULL and is not generated); null for everything.</param>
    /// <exception cref="Abstractions.Table.TableOptionException">An option or column does not fit, naming it.</exception>
    public NexmarkSource(NexmarkConfiguration configuration, Schema schema, string tableName = "nexmark", Abstractions.Table.ColumnReads? reads = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(schema);
        Configuration = configuration.Validate();
        Columns = NexmarkColumns.Bind(schema, tableName).Reading(reads);
    }

    /// <summary>
    /// The physical columns of Flink's <c>nexmark</c> table: <c>event_type INT</c> and the ROW columns <c>person</c>,
    /// <c>auction</c> and <c>bid</c> with every field (strings as <c>STRING</c>, times as <c>TIMESTAMP(3)</c>).
    /// </summary>
    public static Schema FlinkSchema { get; } = Schema.Of(
        new Field("event_type", DataTypes.Int()),
        new Field("person", Row(NexmarkColumns.PersonFields)),
        new Field("auction", Row(NexmarkColumns.AuctionFields)),
        new Field("bid", Row(NexmarkColumns.BidFields)));

    /// <summary>The stream.</summary>
    public NexmarkConfiguration Configuration { get; }

    /// <summary>The number of events per batch.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Stop generating at this event index (Flink's <c>stop-at</c>); negative: never.</summary>
    public long StopAt { get; init; } = -1;

    /// <summary>Keep the source running (idle) once every event was generated (Flink's <c>keep-alive</c>).</summary>
    public bool KeepAlive { get; init; }

    /// <summary>The physical schema the source produces.</summary>
    public Schema Schema => Columns.Schema;

    /// <summary>The index after the last event generated (<see cref="long.MaxValue"/> when unbounded).</summary>
    public long EndIndex
    {
        get
        {
            var end = Configuration.IsBounded ? Configuration.EventsNum : long.MaxValue;
            return StopAt >= 0 ? Math.Min(end, StopAt) : end;
        }
    }

    /// <inheritdoc />
    public Boundedness Boundedness => EndIndex == long.MaxValue || KeepAlive ? Boundedness.Unbounded : Boundedness.Bounded;

    /// <inheritdoc />
    public ITypeSerializer<NexmarkSplit> SplitSerializer => NexmarkSplit.Serializer;

    internal NexmarkColumns Columns { get; }

    /// <inheritdoc />
    public IReadOnlyList<NexmarkSplit> DiscoverSplits(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var end = EndIndex;
        var splits = new List<NexmarkSplit>(parallelism);
        for (var i = 0; i < parallelism && i < end; i++)
        {
            splits.Add(new NexmarkSplit(i, i, end, parallelism, Configuration.Seed, Configuration.BaseTime));
        }

        return splits;
    }

    /// <inheritdoc />
    public ISourceReader<NexmarkSplit> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new NexmarkReader(this, context);
    }

    private static DataType Row(string[] fields) => DataTypes.Row(fields.Select(name => new Field(name, name switch
    {
        "dateTime" or "expires" => DataTypes.Timestamp(3),
        _ when NexmarkColumns.IsStringField(name) => DataTypes.String(),
        _ => DataTypes.BigInt(),
    })));
}
