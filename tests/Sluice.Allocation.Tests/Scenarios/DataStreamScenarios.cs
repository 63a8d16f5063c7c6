using Sluice.Core.Batches;
using Sluice.DataStream;
using Sluice.DataStream.Windowing;
using Sluice.Runtime.Graph;
using Sluice.Testing;

namespace Sluice.Allocation.Tests.Scenarios;

/// <summary>A bid as a value type, for the DataStream API's typed operators.</summary>
/// <param name="Auction">The auction.</param>
/// <param name="Bidder">The bidder.</param>
/// <param name="Price">The price.</param>
/// <param name="DateTime">The event time, epoch milliseconds.</param>
public readonly record struct BidEvent(long Auction, long Bidder, long Price, long DateTime);

/// <summary>
/// The DataStream API's per-element operators on a value-type record, each taken from the job graph that the public
/// API builds (so the operator is exactly the one a job runs) and driven through an <see cref="OperatorHarness"/>.
/// </summary>
public static class DataStreamScenarios
{
    private const string UnderTest = "under-test";

    /// <summary><c>Map(b =&gt; b with { Price = b.Price * 908 / 1000 })</c>.</summary>
    public static OperatorScenario Map(int rows = 1024) =>
        new ElementScenario("datastream: map", rows, s => s.Map(b => b with { Price = b.Price * 908 / 1000 }).Uid(UnderTest), false);

    /// <summary><c>Filter(b =&gt; b.Price &gt; 50)</c>: about half the elements pass.</summary>
    public static OperatorScenario Filter(int rows = 1024) =>
        new ElementScenario("datastream: filter", rows, s => s.Filter(b => b.Price > 50).Uid(UnderTest), false);

    /// <summary><c>FlatMap((b, output) =&gt; ...)</c> emitting each bid with a price above 50 twice, through the collector.</summary>
    public static OperatorScenario FlatMap(int rows = 1024) =>
        new ElementScenario("datastream: flatMap (collector)", rows, s => s.FlatMap<BidEvent>((b, output) =>
        {
            if (b.Price > 50)
            {
                output.Collect(b);
                output.Collect(b with { Bidder = -b.Bidder });
            }
        }).Uid(UnderTest), false);

    /// <summary><c>KeyBy(b =&gt; b.Auction).Reduce(highest price)</c>: a rolling reduce over 1000 keys in value state.</summary>
    public static OperatorScenario KeyByReduce(int rows = 1024) =>
        new ElementScenario("datastream: keyBy + reduce", rows,
            s => s.KeyBy(b => b.Auction).Reduce((a, b) => b.Price > a.Price ? b : a).Uid(UnderTest), false);

    /// <summary>A 10 s tumbling event-time window per auction reducing to the highest bid; the watermark follows the input.</summary>
    public static OperatorScenario TumblingWindowReduce(int rows = 1024) =>
        new ElementScenario("datastream: tumbling window reduce", rows,
            s => s.KeyBy(b => b.Auction).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
                .Reduce((a, b) => b.Price > a.Price ? b : a).Uid(UnderTest), true);

    /// <summary>The hash partitioning of <c>KeyBy(b =&gt; b.Auction)</c>: the key selector of the keyed operator's input edge.</summary>
    public static Sluice.Runtime.Partitioning.IBatchKeySelector KeyBySelector() =>
        Build(s => s.KeyBy(b => b.Auction).Reduce((a, b) => b.Price > a.Price ? b : a).Uid(UnderTest)).Input.KeySelector
        ?? throw new InvalidOperationException("KeyBy made no hash edge.");

    /// <summary>A batch of <paramref name="rows"/> bids from sequence number <paramref name="firstSeq"/>, with event times.</summary>
    public static ElementBatch<BidEvent> Batch(long firstSeq, int rows)
    {
        var batch = new ElementBatch<BidEvent>(rows, withTimestamps: true);
        for (var i = 0; i < rows; i++)
        {
            var seq = firstSeq + i;
            var bid = new BidEvent(seq % 1000, 1000 + (seq % 997), Bids.PriceOf(seq), Bids.MillisOf(seq));
            batch.Add(bid, bid.DateTime);
        }

        return batch;
    }

    /// <summary>The operator with id <c>under-test</c> of the graph that <paramref name="build"/> makes over a bid stream.</summary>
    private static (JobVertex Vertex, JobEdge Input) Build(Func<DataStream<BidEvent>, DataStream<BidEvent>> build)
    {
        var env = new StreamExecutionEnvironment();
        var source = env.FromElements(new BidEvent(0, 0, 0, 0));
        build(source).Print(writer: TextWriter.Null);
        var graph = env.BuildJobGraph("allocation");
        var vertex = graph.Vertices.Single(v => v.Id == UnderTest);
        return (vertex, graph.InputsOf(vertex).Single());
    }

    private sealed class ElementScenario : OperatorScenario
    {
        private readonly OperatorHarness _harness;
        private readonly bool _watermarks;
        private readonly int _rows;
        private long _seq;

        public ElementScenario(string name, int rows, Func<DataStream<BidEvent>, DataStream<BidEvent>> build, bool watermarks)
        {
            Name = name;
            _rows = rows;
            _watermarks = watermarks;
            var (vertex, _) = Build(build);
            _harness = new OperatorHarness(vertex.Factory()).Open();
        }

        public override string Name { get; }

        public override int RowsPerBatch => _rows;

        public override IBatch NextInput()
        {
            var batch = Batch(_seq, _rows);
            _seq += _rows;
            return batch;
        }

        public override void Process(IBatch input)
        {
            _harness.ProcessBatch(input);
            if (_watermarks)
            {
                _harness.ProcessWatermark(Bids.MillisOf(_seq - 1) - 1000);
            }

            Drain(_harness);
        }

        protected override void Dispose(bool disposing) => _harness.Dispose();
    }
}
