using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// A bounded test source of one file in a row format (csv, json, ...), decoded with the format's standard decoder:
/// it emits a few records per poll (so batches are small and the input spans checkpoints), keeps the number of
/// emitted records in its split (so a restore resumes exactly), and pauses at half of each file until the
/// <see cref="RestoreSchedule"/> injects the failure of a restore run.
/// </summary>
internal sealed class PausingFileSource(string path, Func<IBatchDecoder> createDecoder, RestoreSchedule schedule) : ISource<PausingFileSplit>
{
    /// <summary>The records decoded and emitted per poll.</summary>
    public const int RecordsPerPoll = 2;

    /// <summary>The file's absolute path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Creates a decoder of the table's format.</summary>
    public Func<IBatchDecoder> CreateDecoder { get; } = createDecoder;

    /// <summary>The failure schedule shared by every source of the job.</summary>
    public RestoreSchedule Schedule { get; } = schedule;

    /// <inheritdoc />
    public Boundedness Boundedness => Boundedness.Bounded;

    /// <inheritdoc />
    public ITypeSerializer<PausingFileSplit> SplitSerializer => PausingFileSplitSerializer.Instance;

    /// <inheritdoc />
    public IReadOnlyList<PausingFileSplit> DiscoverSplits(int parallelism) => [new PausingFileSplit(Path, 0)];

    /// <inheritdoc />
    public ISourceReader<PausingFileSplit> CreateReader(SourceReaderContext context) => new PausingFileSourceReader(this);
}
