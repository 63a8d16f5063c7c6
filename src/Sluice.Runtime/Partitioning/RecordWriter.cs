using System.Buffers;
using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Messages;
using Sluice.Runtime.Channels;
using Sluice.Runtime.Graph;

namespace Sluice.Runtime.Partitioning;

/// <summary>
/// Writes one producer subtask's output for one edge into the consumer channels, partitioning batches by the
/// edge's partitioner. Control messages (watermarks, barriers, end of input) go to every channel.
/// Task thread only.
/// </summary>
internal sealed class RecordWriter
{
    private readonly PartitionerKind _kind;
    private readonly LocalChannel[] _channels;
    private readonly IBatchKeySelector? _keySelector;
    private readonly int _maxParallelism;
    private readonly CancellationToken _cancellation;
    private int _nextRoundRobin;

    public RecordWriter(PartitionerKind kind, LocalChannel[] channels, IBatchKeySelector? keySelector, int maxParallelism,
        int subtaskIndex, CancellationToken cancellation)
    {
        _kind = kind;
        _channels = channels;
        _keySelector = keySelector;
        _maxParallelism = maxParallelism;
        _cancellation = cancellation;
        _nextRoundRobin = subtaskIndex % Math.Max(1, channels.Length);
    }

    /// <summary>Stopwatch ticks spent blocked on full channels (backpressure).</summary>
    public long BackpressureTicks { get; private set; }

    /// <summary>True when every channel has room.</summary>
    public bool IsAvailable
    {
        get
        {
            foreach (var c in _channels)
            {
                if (!c.HasSpace)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Emits a batch (takes ownership).</summary>
    public void Emit(IBatch batch)
    {
        if (batch.RowCount == 0)
        {
            batch.Dispose();
            return;
        }

        switch (_kind)
        {
            case PartitionerKind.Forward:
                Write(0, StreamMessage.OfBatch(batch));
                break;
            case PartitionerKind.Rebalance:
                Write(_nextRoundRobin, StreamMessage.OfBatch(batch));
                _nextRoundRobin = (_nextRoundRobin + 1) % _channels.Length;
                break;
            case PartitionerKind.Broadcast:
                EmitBroadcast(batch);
                break;
            case PartitionerKind.Hash:
                EmitHashed(batch);
                break;
        }
    }

    /// <summary>Sends a control message to every channel.</summary>
    public void Broadcast(in StreamMessage message)
    {
        for (var i = 0; i < _channels.Length; i++)
        {
            Write(i, message);
        }
    }

    private void EmitBroadcast(IBatch batch)
    {
        for (var i = 0; i < _channels.Length - 1; i++)
        {
            Write(i, StreamMessage.OfBatch(BatchCopies.Copy(batch)));
        }

        Write(_channels.Length - 1, StreamMessage.OfBatch(batch));
    }

    private void EmitHashed(IBatch batch)
    {
        var rows = batch.RowCount;
        var targets = _channels.Length;
        if (targets == 1)
        {
            Write(0, StreamMessage.OfBatch(batch));
            return;
        }

        var hashes = ArrayPool<int>.Shared.Rent(rows);
        var order = ArrayPool<int>.Shared.Rent(rows);
        Span<int> counts = targets <= 256 ? stackalloc int[targets + 1] : new int[targets + 1];
        counts.Clear();
        try
        {
            _keySelector!.ComputeKeyHashes(batch, hashes.AsSpan(0, rows));
            for (var r = 0; r < rows; r++)
            {
                var target = KeyGroups.SubtaskFor(KeyGroups.Assign(hashes[r], _maxParallelism), _maxParallelism, targets);
                hashes[r] = target;
                counts[target + 1]++;
            }

            // Counting sort of row indices by target keeps each target's rows in their original order.
            for (var t = 0; t < targets; t++)
            {
                counts[t + 1] += counts[t];
            }

            Span<int> cursor = targets <= 256 ? stackalloc int[targets] : new int[targets];
            counts[..targets].CopyTo(cursor);
            for (var r = 0; r < rows; r++)
            {
                order[cursor[hashes[r]]++] = r;
            }

            for (var t = 0; t < targets; t++)
            {
                var start = counts[t];
                var length = counts[t + 1] - start;
                if (length == 0)
                {
                    continue;
                }

                if (length == rows)
                {
                    Write(t, StreamMessage.OfBatch(batch));
                    batch = null!;
                    break;
                }

                Write(t, StreamMessage.OfBatch(batch.Gather(order.AsSpan(start, length))));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hashes);
            ArrayPool<int>.Shared.Return(order);
            batch?.Dispose();
        }
    }

    private void Write(int channel, in StreamMessage message) =>
        BackpressureTicks += _channels[channel].Write(message, _cancellation);
}
