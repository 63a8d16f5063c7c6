namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// What one subtask of a partitioned file sink knows about the partitions it wrote: shared by the subtask's writer
/// (which adds partitions and pre-commits their marks) and committer (which hands the marks to the
/// <see cref="PartitionCommitCoordinator"/>). Called on the sink task's thread only.
/// </summary>
internal sealed class PartitionTracker
{
    private readonly Dictionary<string, (long Created, long DataCheckpoint)> _written = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>The latest watermark the subtask received.</summary>
    public long Watermark { get; private set; } = long.MinValue;

    /// <summary>True once the input ended.</summary>
    public bool EndOfInput { get; set; }

    /// <summary>
    /// The partitions the subtask wrote (or adopted at a restore) and not yet known to be committed: their first write
    /// (processing time) and the last checkpoint that holds data of the subtask for them (<see cref="long.MinValue"/>:
    /// only data already visible).
    /// </summary>
    public IReadOnlyDictionary<string, (long Created, long DataCheckpoint)> Written => _written;

    /// <summary>Records that <paramref name="partition"/> was written at <paramref name="nowMillis"/> (its first write counts).</summary>
    public void Touch(string partition, long nowMillis)
    {
        if (_touched.Add(partition) && !_written.ContainsKey(partition))
        {
            _written[partition] = (nowMillis, long.MinValue);
        }
    }

    /// <summary>At the barrier of <paramref name="checkpointId"/>: the partitions written since the last one hold data of it.</summary>
    public void Seal(long checkpointId)
    {
        foreach (var partition in _touched)
        {
            _written[partition] = (_written[partition].Created, checkpointId);
        }

        _touched.Clear();
    }

    /// <summary>Adopts a pending partition of a restored checkpoint (its data is visible; keeps the earlier creation time).</summary>
    public void Adopt(string partition, long createdMillis)
    {
        if (!_written.TryGetValue(partition, out var existing))
        {
            _written[partition] = (createdMillis, long.MinValue);
        }
        else if (createdMillis < existing.Created)
        {
            _written[partition] = (createdMillis, existing.DataCheckpoint);
        }
    }

    /// <summary>Forgets a partition that was committed with all of this subtask's data.</summary>
    public void Remove(string partition) => _written.Remove(partition);

    /// <summary>Advances the watermark.</summary>
    public void AdvanceWatermark(long watermark) => Watermark = Math.Max(Watermark, watermark);
}
