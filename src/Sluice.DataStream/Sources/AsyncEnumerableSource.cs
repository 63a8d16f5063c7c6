using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sources;

/// <summary>
/// A bounded source over an <see cref="IAsyncEnumerable{T}"/>, read by one subtask. The position is the number of
/// elements emitted; a restore enumerates again and skips them, so the sequence must be deterministic (the same
/// elements in the same order on every enumeration) for exactly-once results. The task thread never blocks: a pending
/// <c>MoveNextAsync</c> makes the poll report <see cref="InputStatus.NothingAvailable"/>.
/// </summary>
internal sealed class AsyncEnumerableSource<T>(IAsyncEnumerable<T> sequence, int batchSize = 1024) : ISource<CollectionSplit>
{
    public Boundedness Boundedness => Boundedness.Bounded;

    public ITypeSerializer<CollectionSplit> SplitSerializer => CollectionSplit.Serializer;

    public IReadOnlyList<CollectionSplit> DiscoverSplits(int parallelism) => [new CollectionSplit(0, 0, long.MaxValue)];

    public ISourceReader<CollectionSplit> CreateReader(SourceReaderContext context) => new Reader(sequence, batchSize);

    private sealed class Reader(IAsyncEnumerable<T> sequence, int batchSize) : ISourceReader<CollectionSplit>
    {
        private readonly CancellationTokenSource _cancel = new();
        private CollectionSplit? _split;
        private IAsyncEnumerator<T>? _enumerator;
        private Task<bool>? _pending;
        private long _toSkip;
        private bool _done;

        public void AddSplits(IReadOnlyList<CollectionSplit> splits)
        {
            if (splits.Count > 0)
            {
                _split = splits[0];
                _toSkip = _split.Position;
            }
        }

        public InputStatus PollNext(ISourceOutput output)
        {
            if (_split is null || _done)
            {
                return InputStatus.EndOfInput;
            }

            _enumerator ??= sequence.GetAsyncEnumerator(_cancel.Token);
            var batch = new ElementBatch<T>(Math.Min(batchSize, 64));
            try
            {
                while (batch.RowCount < batchSize)
                {
                    bool hasNext;
                    if (_pending is { } pending)
                    {
                        if (!pending.IsCompleted)
                        {
                            break;
                        }

                        _pending = null;
                        hasNext = pending.GetAwaiter().GetResult();
                    }
                    else
                    {
                        var next = _enumerator.MoveNextAsync();
                        if (!next.IsCompleted)
                        {
                            _pending = next.AsTask();
                            break;
                        }

                        hasNext = next.GetAwaiter().GetResult();
                    }

                    if (!hasNext)
                    {
                        _done = true;
                        break;
                    }

                    if (_toSkip > 0)
                    {
                        _toSkip--;
                        continue;
                    }

                    batch.Add(_enumerator.Current);
                }
            }
            catch
            {
                batch.Dispose();
                throw;
            }

            if (batch.RowCount > 0)
            {
                _split = _split with { Position = _split.Position + batch.RowCount };
                output.Emit(_split.SplitId, batch);
            }
            else
            {
                batch.Dispose();
            }

            if (_done)
            {
                output.SplitFinished(_split.SplitId);
                return InputStatus.EndOfInput;
            }

            return batch.RowCount > 0 || _pending is null ? InputStatus.MoreAvailable : InputStatus.NothingAvailable;
        }

        public IReadOnlyList<CollectionSplit> SnapshotState(long checkpointId) => _split is null || _done ? [] : [_split];

        public void Dispose()
        {
            _cancel.Cancel();
            if (_enumerator is { } e && _pending is null)
            {
                _ = e.DisposeAsync().AsTask();
            }

            _cancel.Dispose();
        }
    }
}
