using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Errors;
using Sluice.DataStream.Sinks;
using Sluice.DataStream.Sources;
using Sluice.DataStream.Translation;
using Sluice.DataStream.Watermarks;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators.Sources;
using Sluice.State.Checkpoints;

namespace Sluice.DataStream;

/// <summary>
/// The entry point of a DataStream program: create sources, transform streams, add sinks, then run the program as a
/// job on the Sluice runtime (<see cref="ExecuteAsync"/>, <see cref="Start"/>, or <see cref="ExecuteAndCollectAsync{T}"/> in tests).
/// </summary>
/// <remarks>
/// <para><b>Operator ids.</b> Each operator's stable id is its <c>Uid</c> when set, otherwise <c>{index}-{kind}</c> from the
/// order the program created it in; set <c>Uid</c> on stateful operators of jobs that restore savepoints across versions.</para>
/// <para><b>Threading.</b> Build a program on one thread. An environment may execute its program several times.</para>
/// </remarks>
public sealed class StreamExecutionEnvironment
{
    private readonly List<Transformation> _sinks = [];
    private int _nextIndex;

    /// <summary>Creates an environment with <paramref name="options"/> (defaults when null).</summary>
    public StreamExecutionEnvironment(StreamExecutionOptions? options = null)
    {
        Options = options ?? new StreamExecutionOptions();
        if (Options.Parallelism < 1 || Options.Parallelism > Options.MaxParallelism)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Parallelism, "The parallelism must be between 1 and the max parallelism.");
        }
    }

    /// <summary>How jobs run.</summary>
    public StreamExecutionOptions Options { get; }

    /// <summary>
    /// A bounded stream of <paramref name="items"/> (materialized when called), read by one subtask unless its parallelism
    /// is set. With <paramref name="watermarks"/>, elements get event times and the source emits watermarks.
    /// </summary>
    public DataStream<T> FromCollection<T>(IEnumerable<T> items, WatermarkStrategy<T>? watermarks = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var stream = FromSource(new CollectionSource<T>(items.ToList()), watermarks, "Collection");
        stream.SetParallelism(1);
        return stream;
    }

    /// <summary>A bounded stream of the given elements (see <see cref="FromCollection{T}"/>).</summary>
    public DataStream<T> FromElements<T>(params T[] items) => FromCollection(items);

    /// <summary>
    /// A bounded stream read from an <see cref="IAsyncEnumerable{T}"/> by one subtask. On recovery the sequence is
    /// enumerated again and the elements already emitted are skipped, so it must be deterministic.
    /// </summary>
    public DataStream<T> FromAsyncEnumerable<T>(IAsyncEnumerable<T> sequence, WatermarkStrategy<T>? watermarks = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var stream = FromSource(new AsyncEnumerableSource<T>(sequence), watermarks, "AsyncEnumerable");
        stream.SetParallelism(1);
        return stream;
    }

    /// <summary>
    /// A stream of generated elements: element <c>i</c> is <paramref name="generator"/>(<c>i</c>) for <c>i</c> = 0, 1, ...,
    /// <paramref name="count"/> of them (bounded) or without end (<c>null</c>), at most <paramref name="rowsPerSecond"/>
    /// per second over all subtasks (<c>null</c>: as fast as the job takes them). Runs at the stream's parallelism,
    /// parallel by index: a bounded stream gives each subtask a contiguous range, an unbounded one subtask <c>j</c> of
    /// <c>p</c> the indices <c>j, j + p, ...</c>. The next index is checkpointed, so a restore continues exactly where
    /// the stream stopped, also at another parallelism. The generator must be a pure function of the index (subtasks
    /// call it at the same time, and again after a restore).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="rowsPerSecond"/> not positive.</exception>
    public DataStream<T> FromGenerator<T>(long? count, double? rowsPerSecond, Func<long, T> generator, WatermarkStrategy<T>? watermarks = null) =>
        FromSource(new GeneratorSource<T>(count, rowsPerSecond, generator), watermarks, "Generator");

    /// <summary>
    /// The lines of a UTF-8 text file, or of every file directly in the directory <paramref name="path"/> (one split per
    /// file, assigned round-robin to the subtasks). Lines end at <c>\n</c>; a <c>\r</c> before it and a byte-order mark are
    /// dropped. Bounded. The byte offset of the next line is checkpointed, so a restore continues after the last line
    /// emitted.
    /// </summary>
    /// <exception cref="ConnectorException">When the job starts: there is no such file or directory.</exception>
    public DataStream<string> ReadTextFile(string path, WatermarkStrategy<string>? watermarks = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromSource(new TextFileSource(path), watermarks, "TextFile");
    }

    /// <summary>
    /// A stream from a source connector that emits <c>ElementBatch&lt;T&gt;</c>. Watermarks are generated per split; the
    /// strategy's timestamp assigner (if any) sets event times before that.
    /// </summary>
    public DataStream<T> FromSource<T, TSplit>(ISource<TSplit> source, WatermarkStrategy<T>? watermarks, string name = "Source")
        where TSplit : ISourceSplit
    {
        ArgumentNullException.ThrowIfNull(source);
        var strategy = watermarks ?? WatermarkStrategy<T>.NoWatermarks();
        ISource<TSplit> effective = strategy.TimestampAssigner is { } assigner ? new TimestampAssigningSource<TSplit, T>(source, assigner) : source;
        var t = new Transformation(this, "source", name, _ => new SourceOperator<TSplit>(effective, strategy.Generators), isSource: true);
        return new DataStream<T>(t);
    }

    /// <summary>The job graph of the program: the operators that lead to a sink, with their stable ids and edges.</summary>
    public JobGraph BuildJobGraph(string jobName = "datastream-job") => JobGraphTranslator.Translate(jobName, _sinks);

    /// <summary>The runtime configuration derived from <see cref="Options"/>.</summary>
    public JobConfig BuildJobConfig()
    {
        var o = Options;
        return new JobConfig
        {
            MaxParallelism = o.MaxParallelism,
            CheckpointingMode = o.CheckpointingMode,
            CheckpointInterval = o.CheckpointInterval,
            CheckpointStorage = o.CheckpointDirectory is { } dir ? new DirectoryCheckpointStorage(dir, o.RetainedCheckpoints) : null,
            SavepointDirectory = o.SavepointDirectory,
            RestoreFrom = o.RestoreFrom,
            RestoreFromLatest = o.RestoreFromLatest,
            AllowNonRestoredState = o.AllowNonRestoredState,
            RestartStrategy = o.RestartStrategy,
            TimeProvider = o.TimeProvider,
            AutoWatermarkInterval = o.AutoWatermarkInterval,
            ChannelCapacity = o.ChannelCapacity,
            ChainingEnabled = o.ChainingEnabled,
        };
    }

    /// <summary>Starts the program as a job and returns a handle on it.</summary>
    public StreamJob Start(string jobName = "datastream-job") => new(LocalExecutor.Start(BuildJobGraph(jobName), BuildJobConfig()));

    /// <summary>
    /// Runs the program to its end (bounded sources) or until <paramref name="cancellationToken"/> cancels it. Throws a
    /// <see cref="JobException"/> with the failure when the job failed.
    /// </summary>
    public async Task<JobResult> ExecuteAsync(string jobName = "datastream-job", CancellationToken cancellationToken = default)
    {
        await using var job = Start(jobName);
        await using var registration = cancellationToken.Register(() => _ = job.CancelAsync(CancellationToken.None));
        var result = await job.Completion.ConfigureAwait(false);
        if (result.Status == JobStatus.Failed)
        {
            throw new JobException($"Job '{jobName}' failed: {result.Failure?.Message}", ErrorDomain.User, result.Failure);
        }

        return result;
    }

    /// <summary>
    /// Runs the program with <paramref name="stream"/> collected by an exactly-once sink and returns its elements
    /// (in commit order: per subtask in order, subtasks interleaved). For tests and small bounded jobs.
    /// </summary>
    public async Task<IReadOnlyList<T>> ExecuteAndCollectAsync<T>(DataStream<T> stream, string jobName = "collect",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var results = new CollectResults<T>();
        var sink = stream.SinkTo(new CollectingSink<T>(results)).Name("Collect");
        try
        {
            await ExecuteAsync(jobName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sinks.Remove(sink.Transformation);
        }

        return results.Committed;
    }

    internal int NextTransformationIndex() => _nextIndex++;

    internal void AddSink(Transformation sink) => _sinks.Add(sink);
}
