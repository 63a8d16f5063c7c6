using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Tests.Sources;

/// <summary>
/// Drives the readers of a typed source through the SPI alone: a reader per subtask with splits assigned round-robin,
/// polled in turns; snapshots go through the split serializer, as in a checkpoint.
/// </summary>
internal sealed class SourceDriver<TSplit, T> : ISourceOutput, IDisposable
    where TSplit : ISourceSplit
{
    private readonly ISourceReader<TSplit>[] _readers;
    private readonly ISource<TSplit> _source;
    private readonly InputStatus[] _last;

    public SourceDriver(ISource<TSplit> source, int parallelism, IReadOnlyList<TSplit> splits, TimeProvider? clock = null)
    {
        _source = source;
        _readers = new ISourceReader<TSplit>[parallelism];
        _last = new InputStatus[parallelism];
        for (var i = 0; i < parallelism; i++)
        {
            _readers[i] = source.CreateReader(new SourceReaderContext(i, parallelism, clock ?? TimeProvider.System));
            _readers[i].AddSplits([.. splits.Where((_, n) => n % parallelism == i)]);
        }
    }

    public List<T> Elements { get; } = [];

    public List<string> Finished { get; } = [];

    public bool AllEnded => _last.All(s => s == InputStatus.EndOfInput);

    public void Emit(string splitId, IBatch batch)
    {
        using var elements = Assert.IsType<ElementBatch<T>>(batch);
        Assert.True(elements.RowCount > 0, $"split {splitId} emitted an empty batch");
        Elements.AddRange(elements.Items.ToArray());
    }

    public void SplitFinished(string splitId) => Finished.Add(splitId);

    /// <summary>Polls every reader once (readers that ended are skipped).</summary>
    public void PollRound()
    {
        for (var i = 0; i < _readers.Length; i++)
        {
            if (_last[i] != InputStatus.EndOfInput)
            {
                _last[i] = _readers[i].PollNext(this);
            }
        }
    }

    /// <summary>Polls until every reader ended (bounded sources).</summary>
    public void PollToEnd()
    {
        for (var round = 0; !AllEnded; round++)
        {
            Assert.True(round < 100_000, "the source did not end");
            PollRound();
        }
    }

    /// <summary>The splits of every reader, serialized and read back as a checkpoint would.</summary>
    public List<TSplit> Snapshot(long checkpointId)
    {
        var result = new List<TSplit>();
        foreach (var reader in _readers)
        {
            foreach (var split in reader.SnapshotState(checkpointId))
            {
                using var writer = new BinaryBufferWriter();
                _source.SplitSerializer.Serialize(split, writer);
                result.Add(_source.SplitSerializer.Deserialize(new BinaryBufferReader(writer.ToArray())));
            }
        }

        return result;
    }

    public void Dispose()
    {
        foreach (var reader in _readers)
        {
            reader.Dispose();
        }
    }
}
