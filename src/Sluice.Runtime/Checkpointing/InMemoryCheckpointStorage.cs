using System.Collections.Concurrent;
using Sluice.Core.Errors;
using Sluice.Core.Hashing;
using Sluice.Core.Messages;
using Sluice.State.Checkpoints;

namespace Sluice.Runtime.Checkpointing;

/// <summary>
/// Keeps checkpoints in memory: a job without a checkpoint directory still recovers from task failures and
/// still commits its two-phase-commit sinks, but nothing survives the process. Retains the latest checkpoint.
/// A savepoint given a directory is written there (as Flink writes savepoints to files whatever its checkpoint
/// storage), so it outlives the process; without one it stays in memory. Thread-safe.
/// </summary>
public sealed class InMemoryCheckpointStorage : ICheckpointStorage
{
    private const string Scheme = "memory://";
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly ConcurrentDictionary<string, CheckpointMetadata> _completed = new();

    /// <summary>The directory storages of the savepoints being written to a directory, by their location's path.</summary>
    private readonly ConcurrentDictionary<string, DirectoryCheckpointStorage> _savepointFolders = new();

    /// <inheritdoc />
    public CheckpointLocation InitializeLocation(long checkpointId, CheckpointKind kind, string? savepointDirectory = null)
    {
        if (kind == CheckpointKind.Savepoint && !string.IsNullOrEmpty(savepointDirectory))
        {
            var folder = new DirectoryCheckpointStorage(savepointDirectory);
            var location = folder.InitializeLocation(checkpointId, kind, savepointDirectory);
            _savepointFolders[location.Path] = folder;
            return location;
        }

        return new(checkpointId, kind, $"{Scheme}{(kind == CheckpointKind.Savepoint ? "savepoint" : "chk")}-{checkpointId}");
    }

    /// <inheritdoc />
    public ValueTask<StateHandle> WriteStateAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (_savepointFolders.TryGetValue(location.Path, out var folder))
        {
            return folder.WriteStateAsync(location, fileName, data, ct);
        }

        var bytes = data.ToArray();
        _files[location.Path + "/" + fileName] = bytes;
        return ValueTask.FromResult(new StateHandle(fileName, bytes.Length, Crc32C.Compute(bytes)));
    }

    /// <inheritdoc />
    public ValueTask<byte[]> ReadStateAsync(string checkpointPath, StateHandle handle, CancellationToken ct)
    {
        if (!IsInMemoryPath(checkpointPath))
        {
            return new DirectoryCheckpointStorage(Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!).ReadStateAsync(checkpointPath, handle, ct);
        }

        if (!_files.TryGetValue(checkpointPath + "/" + handle.RelativePath, out var bytes))
        {
            throw new CheckpointException($"State '{handle.RelativePath}' of {checkpointPath} is not in memory.");
        }

        return ValueTask.FromResult(bytes);
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken ct)
    {
        if (_savepointFolders.TryRemove(location.Path, out var folder))
        {
            await folder.CompleteAsync(location, metadata, ct).ConfigureAwait(false);
        }

        // A savepoint on disk is the latest completed state too: a failover after it must not go back before it
        // (its sink transactions are committed).
        _completed[location.Path] = metadata with { Path = location.Path };
        foreach (var old in _completed.Keys.Where(k => k != location.Path && _completed[k].Kind == CheckpointKind.Checkpoint).ToList())
        {
            Remove(old);
        }
    }

    /// <inheritdoc />
    public async ValueTask AbortAsync(CheckpointLocation location, CancellationToken ct)
    {
        if (_savepointFolders.TryRemove(location.Path, out var folder))
        {
            await folder.AbortAsync(location, ct).ConfigureAwait(false);
        }

        Remove(location.Path);
    }

    /// <inheritdoc />
    public ValueTask<CheckpointMetadata?> FindLatestAsync(CancellationToken ct) =>
        ValueTask.FromResult(_completed.Values.OrderByDescending(m => m.CheckpointId).FirstOrDefault());

    /// <inheritdoc />
    public ValueTask<CheckpointMetadata> LoadMetadataAsync(string path, CancellationToken ct) =>
        !IsInMemoryPath(path) ? DirectoryCheckpointStorage.LoadAsync(path, ct)
        : _completed.TryGetValue(path, out var metadata) ? ValueTask.FromResult(metadata)
        : throw new CheckpointException($"{path} is not a completed checkpoint kept in memory.", ErrorDomain.User);

    /// <summary>True when <paramref name="path"/> names a checkpoint kept by this kind of storage.</summary>
    public static bool IsInMemoryPath(string path) => path.StartsWith(Scheme, StringComparison.Ordinal);

    private void Remove(string path)
    {
        _completed.TryRemove(path, out _);
        foreach (var key in _files.Keys.Where(k => k.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
        {
            _files.TryRemove(key, out _);
        }
    }
}
