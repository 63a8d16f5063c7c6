using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Files.Sink;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// The committer of a <see cref="PartitionedFileSink"/>: publishes the part files of a completed checkpoint (renaming
/// them visible, after deleting the files an <c>INSERT OVERWRITE</c> replaces in their partition), hands the writer's
/// partition marks and progress to the <see cref="PartitionCommitCoordinator"/>, and commits the partitions it returns:
/// writes the success file (the <c>success-file</c> policy).
/// </summary>
/// <remarks><b>Threading.</b> Called on the sink task's thread only. A commit without this subtask's own progress is the
/// restore of a checkpoint (subtask 0 gets every subtask's committables): its marks are adopted, their files being
/// visible now.</remarks>
internal sealed class PartitionedFileSinkCommitter(
    string directory, PartitionedFileSinkOptions options, SinkContext context, PartitionTracker tracker, PartitionCommitCoordinator coordinator)
    : ISinkCommitter<PartitionedFileCommittable>
{
    private readonly FileSinkCommitter _files = new(directory, options.PartPrefix);
    private readonly HashSet<string> _replaced = new(StringComparer.Ordinal);

    public void Commit(IReadOnlyList<PartitionedFileCommittable> committables)
    {
        var files = new List<FileCommittable>();
        WriterProgress? own = null;
        foreach (var committable in committables)
        {
            if (committable.File is { } file)
            {
                DeleteReplaced(committable.Partition);
                files.Add(file);
            }
            else if (committable.Progress is { } progress && progress.Subtask == context.SubtaskIndex
                && string.Equals(progress.AttemptId, context.AttemptId, StringComparison.Ordinal)
                && (own is null || progress.CheckpointId > own.CheckpointId))
            {
                own = progress;
            }
        }

        if (files.Count > 0)
        {
            _files.Commit(files);
        }

        foreach (var committable in committables)
        {
            if (committable is { File: null, Progress: null })
            {
                if (own is null)
                {
                    tracker.Adopt(committable.Partition, committable.CreatedMillis);
                    coordinator.Deliver(committable.Partition, committable.CreatedMillis, long.MinValue);
                }
                else
                {
                    coordinator.Deliver(committable.Partition, committable.CreatedMillis, committable.DataCheckpoint);
                }
            }
        }

        if (own is null)
        {
            return;
        }

        var now = context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var due = coordinator.Report(context.SubtaskIndex, own.CheckpointId, own.Watermark, own.Ended,
            (partition, created, watermark) => IsCommittable(partition, created, now, watermark), out var unwritten);
        foreach (var partition in due)
        {
            CommitPartition(partition);
        }

        if (unwritten && options.StaticOverwritePartition is { } empty)
        {
            // INSERT OVERWRITE of a static partition that got no row: as Flink's loadEmptyPartition, the partition's folder is
            // deleted with everything in it (an old success file too) and made again empty, then committed.
            ClearPartition(empty);
            CommitPartition(empty);
        }
    }

    public void AbortLeftovers(string currentAttemptId)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var folders = new List<string> { directory };
        for (var i = 0; i < folders.Count; i++)
        {
            new FileSinkCommitter(folders[i], options.PartPrefix).AbortLeftovers(currentAttemptId);
            folders.AddRange(Directory.EnumerateDirectories(folders[i]).Where(d => Path.GetFileName(d) is var n && !n.StartsWith('.') && !n.StartsWith('_')));
        }
    }

    /// <summary>Whether the trigger of <paramref name="partition"/> fired (Flink: the time passed the partition's time plus the delay).</summary>
    internal bool IsCommittable(string partition, long createdMillis, long nowMillis, long watermark)
    {
        var commit = options.Commit;
        var delay = (long)commit.Delay.TotalMilliseconds;
        if (commit.Trigger == PartitionCommitTrigger.ProcessTime)
        {
            return nowMillis >= createdMillis + delay;
        }

        var local = commit.TimeExtractor.Extract(PartitionPath.Parse(partition));
        var offset = commit.WatermarkTimeZone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        var epochMillis = (long)(DateTime.SpecifyKind(local, DateTimeKind.Utc) - offset - DateTime.UnixEpoch).TotalMilliseconds;
        return watermark > epochMillis + delay;
    }

    private void CommitPartition(string partition)
    {
        if (!options.Commit.WriteSuccessFile)
        {
            return;
        }

        var folder = Path.Combine(directory, partition.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
        var path = Path.Combine(folder, options.Commit.SuccessFileName);
        try
        {
            Directory.CreateDirectory(folder);
            if (!File.Exists(path))
            {
                using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorException(TransactionalFileSink.ConnectorName,
                $"cannot write the success file '{path}' of partition '{partition}': {ex.Message}", ErrorDomain.External, RetryHint.WithBackoff, ex);
        }
    }

    /// <summary>Deletes everything in the folder of <paramref name="partition"/> (when it exists) and leaves it empty.</summary>
    private void ClearPartition(string partition)
    {
        var folder = Path.Combine(directory, partition.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorException(TransactionalFileSink.ConnectorName,
                $"cannot empty partition '{partition}', which INSERT OVERWRITE replaces with no rows: {ex.Message}",
                ErrorDomain.External, RetryHint.WithBackoff, ex);
        }
    }

    /// <summary>INSERT OVERWRITE: deletes the files the partition held when the job was planned, once.</summary>
    private void DeleteReplaced(string partition)
    {
        if (options.ReplacedFiles is not { } replaced || !_replaced.Add(partition) || !replaced.TryGetValue(partition, out var old))
        {
            return;
        }

        foreach (var path in old)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConnectorException(TransactionalFileSink.ConnectorName,
                    $"cannot delete '{path}', which INSERT OVERWRITE replaces in partition '{partition}': {ex.Message}",
                    ErrorDomain.External, RetryHint.WithBackoff, ex);
            }
        }
    }
}
