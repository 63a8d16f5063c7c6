namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// The partitions one subtask of a partitioned file sink wrote and has not committed yet, with their creation times,
/// and the subtask's watermark: shared by the subtask's writer (which adds partitions and pre-commits their marks) and
/// committer (which commits them when their trigger fires). Called on the sink task's thread only.
/// </summary>
internal sealed class PartitionTracker
{
    private readonly Dictionary<string, long> _pending = new(StringComparer.Ordinal);

    /// <summary>The latest watermark the subtask received.</summary>
    public long Watermark { get; private set; } = long.MinValue;

    /// <summary>True once the input ended: every partition is then committed at the next commit.</summary>
    public bool EndOfInput { get; set; }

    /// <summary>The pending partitions and their creation times.</summary>
    public IReadOnlyDictionary<string, long> Pending => _pending;

    /// <summary>Records that <paramref name="partition"/> was written at <paramref name="nowMillis"/> (its first write counts).</summary>
    public void Touch(string partition, long nowMillis) => _pending.TryAdd(partition, nowMillis);

    /// <summary>Adopts a partition of a restored checkpoint (keeps the earlier creation time).</summary>
    public void Adopt(string partition, long createdMillis)
    {
        if (!_pending.TryGetValue(partition, out var existing) || createdMillis < existing)
        {
            _pending[partition] = createdMillis;
        }
    }

    /// <summary>Forgets a committed partition.</summary>
    public void Remove(string partition) => _pending.Remove(partition);

    /// <summary>Advances the watermark.</summary>
    public void AdvanceWatermark(long watermark) => Watermark = Math.Max(Watermark, watermark);
}
