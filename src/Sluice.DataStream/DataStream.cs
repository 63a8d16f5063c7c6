using Sluice.Connectors.Abstractions.Sink;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Translation;
using Sluice.DataStream.Types;
using Sluice.DataStream.Watermarks;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators.Sinks;

namespace Sluice.DataStream;

/// <summary>
/// A typed stream of elements in a DataStream program. Transformations return new streams; nothing runs until the
/// environment executes the program. Elements travel in batches (<c>ElementBatch&lt;T&gt;</c>), with their event times.
/// </summary>
/// <remarks><b>Threading.</b> Build programs on one thread. The functions you pass run on the job's task threads,
/// one subtask at a time per instance.</remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class DataStream<T>
{
    internal DataStream(StreamExecutionEnvironment environment, IReadOnlyList<StreamRef> refs)
    {
        Environment = environment;
        Refs = refs;
    }

    internal DataStream(Transformation producer)
        : this(producer.Environment, [new StreamRef(producer)])
    {
    }

    /// <summary>The environment the program belongs to.</summary>
    public StreamExecutionEnvironment Environment { get; }

    internal IReadOnlyList<StreamRef> Refs { get; }

    /// <summary>The parallelism of the operator producing this stream.</summary>
    public int Parallelism => Producer.Parallelism;

    /// <summary>The stable id of the operator producing this stream.</summary>
    public string Id => Producer.Id;

    private Transformation Producer => Refs.Count == 1 && Refs[0].Partitioner is null
        ? Refs[0].Producer
        : throw new InvalidOperationException("This stream is a union or a repartitioning; set ids, names and parallelism on the streams it was made of.");

    /// <summary>Sets the stable id of the operator producing this stream (Flink's <c>uid</c>): state in savepoints is matched by it.</summary>
    public DataStream<T> Uid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        Producer.Uid = uid;
        return this;
    }

    /// <summary>Sets the display name of the operator producing this stream.</summary>
    public DataStream<T> Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Producer.Name = name;
        return this;
    }

    /// <summary>Sets the parallelism of the operator producing this stream.</summary>
    public DataStream<T> SetParallelism(int parallelism)
    {
        Producer.Parallelism = parallelism;
        return this;
    }

    /// <summary>Applies <paramref name="map"/> to every element.</summary>
    public DataStream<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return OneInput<TOut>("map", "Map", _ => new MapOperator<T, TOut>(map));
    }

    /// <summary>Keeps the elements for which <paramref name="predicate"/> is true.</summary>
    public DataStream<T> Filter(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return OneInput<T>("filter", "Filter", _ => new FilterOperator<T>(predicate));
    }

    /// <summary>Replaces every element with the elements <paramref name="flatMap"/> returns (allocates an enumerator per element).</summary>
    public DataStream<TOut> FlatMap<TOut>(Func<T, IEnumerable<TOut>> flatMap)
    {
        ArgumentNullException.ThrowIfNull(flatMap);
        return FlatMap<TOut>((value, output) =>
        {
            foreach (var item in flatMap(value))
            {
                output.Collect(item);
            }
        });
    }

    /// <summary>Replaces every element with what <paramref name="flatMap"/> collects.</summary>
    public DataStream<TOut> FlatMap<TOut>(Action<T, Collector<TOut>> flatMap)
    {
        ArgumentNullException.ThrowIfNull(flatMap);
        return Process(new LambdaProcessFunction<T, TOut>((value, _, output) => flatMap(value, output)), "flat-map", "FlatMap");
    }

    /// <summary>Runs a <see cref="ProcessFunction{TIn, TOut}"/> on every element (side outputs through its context).</summary>
    public DataStream<TOut> Process<TOut>(ProcessFunction<T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Process(function, "process", function.GetType().Name);
    }

    /// <summary>Merges this stream with <paramref name="others"/> of the same type (no operator; the consumer reads them all).</summary>
    public DataStream<T> Union(params DataStream<T>[] others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var refs = new List<StreamRef>(Refs);
        foreach (var other in others)
        {
            CheckSameEnvironment(other.Environment);
            refs.AddRange(other.Refs);
        }

        return new DataStream<T>(Environment, refs);
    }

    /// <summary>
    /// Partitions the stream by key: every element goes to the subtask that owns its key's key group, so keyed state and
    /// timers of a key live in one place. The key's serializer and stable hasher come from <paramref name="keyType"/> or
    /// the <see cref="TypeInfos"/> registry (built in for primitives, strings and records).
    /// </summary>
    public KeyedStream<TKey, T> KeyBy<TKey>(Func<T, TKey> keyOf, ITypeInfo<TKey>? keyType = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        var type = keyType ?? TypeInfos.Of<TKey>();
        var selector = new TypedKeySelector<T, TKey>(keyOf, type.Hasher);
        var refs = Refs.Select(r => r with { Partitioner = PartitionerKind.Hash, KeySelector = selector }).ToList();
        return new KeyedStream<TKey, T>(Environment, refs, keyOf, type);
    }

    /// <summary>Distributes elements round-robin, batch by batch, to the next operator's subtasks.</summary>
    public DataStream<T> Rebalance() =>
        new(Environment, Refs.Select(r => r with { Partitioner = PartitionerKind.Rebalance, KeySelector = null }).ToList());

    /// <summary>Sends every element to every subtask of the next operator.</summary>
    public DataStream<T> Broadcast() =>
        new(Environment, Refs.Select(r => r with { Partitioner = PartitionerKind.Broadcast, KeySelector = null }).ToList());

    /// <summary>
    /// Broadcasts the stream to every subtask of the operator it is connected to, which keeps the broadcast state
    /// <paramref name="descriptor"/> (and any in <paramref name="more"/>): the broadcast state pattern.
    /// </summary>
    public BroadcastStream<T> Broadcast<TK, TV>(State.Keyed.MapStateDescriptor<TK, TV> descriptor, params Broadcasting.BroadcastStateDescriptor[] more)
        where TK : notnull
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(more);
        var specs = new List<Broadcasting.BroadcastStateSpec> { new Broadcasting.TypedBroadcastStateSpec<TK, TV>(descriptor) };
        specs.AddRange(more.Select(d => d.Spec));
        if (specs.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != specs.Count)
        {
            throw new ArgumentException("The broadcast state names must be distinct.", nameof(more));
        }

        return new BroadcastStream<T>(Broadcast(), specs);
    }

    /// <summary>Connects this stream with a broadcast stream for a <see cref="BroadcastProcessFunction{TIn, TBroadcast, TOut}"/>.</summary>
    public BroadcastConnectedStreams<T, TB> Connect<TB>(BroadcastStream<TB> broadcast)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        CheckSameEnvironment(broadcast.Stream.Environment);
        return new BroadcastConnectedStreams<T, TB>(this, broadcast);
    }

    /// <summary>Connects this stream with <paramref name="other"/> for a two-input function.</summary>
    public ConnectedStreams<T, T2> Connect<T2>(DataStream<T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameEnvironment(other.Environment);
        return new ConnectedStreams<T, T2>(this, other);
    }

    /// <summary>Joins this stream with <paramref name="other"/> in windows: pairs of elements with equal keys in the same window.</summary>
    public JoinedStreams<T, T2> Join<T2>(DataStream<T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameEnvironment(other.Environment);
        return new JoinedStreams<T, T2>(this, other);
    }

    /// <summary>Co-groups this stream with <paramref name="other"/> in windows: all elements of both with equal keys in the same window.</summary>
    public CoGroupedStreams<T, T2> CoGroup<T2>(DataStream<T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameEnvironment(other.Environment);
        return new CoGroupedStreams<T, T2>(this, other);
    }

    /// <summary>
    /// Divides the whole (non-keyed) stream into windows, computed by one operator with parallelism 1 (Flink's
    /// <c>windowAll</c>); compute them with the returned stream's <c>Reduce</c>, <c>Aggregate</c> or <c>Process</c>.
    /// </summary>
    public AllWindowedStream<T> WindowAll(Windowing.WindowAssigner assigner)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new AllWindowedStream<T>(KeyBy(static _ => 0).Window(assigner));
    }

    /// <summary>The side output <paramref name="tag"/> of the operator producing this stream.</summary>
    public DataStream<TSide> GetSideOutput<TSide>(OutputTag<TSide> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var producer = Producer;
        producer.ConsumedSideOutputs.Add(tag.Id);
        var select = new Transformation(Environment, "side-output", $"Side output '{tag.Id}'", _ => new SideOutputSelectOperator<TSide>(tag.Id))
        {
            ParallelismOf = producer,
        };
        select.Inputs.Add([new StreamRef(producer, PartitionerKind.Forward)]);
        return new DataStream<TSide>(select);
    }

    /// <summary>
    /// Assigns event times with the strategy's timestamp assigner and generates watermarks per subtask (after every
    /// batch); upstream watermarks are replaced. Prefer a strategy at the source (<c>FromSource</c>), which watermarks per split.
    /// </summary>
    public DataStream<T> AssignTimestampsAndWatermarks(WatermarkStrategy<T> strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return OneInput<T>("timestamps", "Timestamps/Watermarks",
            _ => new TimestampsAndWatermarksOperator<T>(strategy.TimestampAssigner, strategy.Generators));
    }

    /// <summary>Writes the stream into a two-phase-commit sink (exactly once when checkpoints complete).</summary>
    public StreamSink SinkTo<TCommittable>(ISink<TCommittable> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return AddSink("sink", sink.GetType().Name, () => new SinkAdapterOperator(new SinkOperator<TCommittable>(sink)));
    }

    /// <summary>Prints every element as a line to <paramref name="writer"/> (standard output by default). Not transactional.</summary>
    public StreamSink Print(string? prefix = null, TextWriter? writer = null)
    {
        var target = writer ?? Console.Out;
        return AddSink("print", "Print", () => new PrintOperator<T>(target, prefix));
    }

    internal DataStream<TOut> OneInput<TOut>(string kind, string name, Func<Transformation, Runtime.Operators.StreamOperator> factory)
    {
        var t = new Transformation(Environment, kind, name, factory);
        t.Inputs.Add([.. Refs]);
        return new DataStream<TOut>(t);
    }

    internal StreamSink AddSink(string kind, string name, Func<Runtime.Operators.StreamOperator> factory)
    {
        var t = new Transformation(Environment, kind, name, _ => factory());
        t.Inputs.Add([.. Refs]);
        Environment.AddSink(t);
        return new StreamSink(t);
    }

    internal void CheckSameEnvironment(StreamExecutionEnvironment other)
    {
        if (!ReferenceEquals(other, Environment))
        {
            throw new ArgumentException("Streams of different execution environments cannot be combined.");
        }
    }

    private DataStream<TOut> Process<TOut>(ProcessFunction<T, TOut> function, string kind, string name)
    {
        var ttl = Environment.Options.DefaultStateTtl;
        return OneInput<TOut>(kind, name, t => new ProcessOperator<T, TOut>(function, ttl) { ConsumedSideOutputs = t.ConsumedSideOutputs });
    }
}
