using Sluice.Core.Messages;
using Sluice.State.Checkpoints;

namespace Sluice.Runtime.Tests.Checkpointing;

/// <summary>
/// Checkpoint storage that holds back, for the chosen checkpoint ids, either the state writes (the checkpoint cannot
/// complete) or the completion (the metadata lands late), until <see cref="Release"/>; everything else goes to the
/// inner storage.
/// </summary>
internal sealed class StallingCheckpointStorage(ICheckpointStorage inner, Func<long, bool> stall, bool stallCompletion = false)
    : ICheckpointStorage, IDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stalledWrites;
    private int _stalledCompletions;
    private int _completed;

    public ICheckpointStorage Inner => inner;

    /// <summary>State writes held back so far.</summary>
    public int StalledWrites => Volatile.Read(ref _stalledWrites);

    /// <summary>Completions held back so far.</summary>
    public int StalledCompletions => Volatile.Read(ref _stalledCompletions);

    /// <summary>Completions that reached the inner storage.</summary>
    public int Completed => Volatile.Read(ref _completed);

    public void Release() => _release.TrySetResult();

    public void Dispose() => Release();

    public CheckpointLocation InitializeLocation(long checkpointId, CheckpointKind kind, string? savepointDirectory = null) =>
        inner.InitializeLocation(checkpointId, kind, savepointDirectory);

    public async ValueTask<StateHandle> WriteStateAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data,
        CancellationToken ct)
    {
        if (!stallCompletion && stall(location.CheckpointId))
        {
            Interlocked.Increment(ref _stalledWrites);
            await _release.Task.ConfigureAwait(false);
        }

        return await inner.WriteStateAsync(location, fileName, data, ct).ConfigureAwait(false);
    }

    public ValueTask<byte[]> ReadStateAsync(string checkpointPath, StateHandle handle, CancellationToken ct) =>
        inner.ReadStateAsync(checkpointPath, handle, ct);

    public async ValueTask CompleteAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken ct)
    {
        if (stallCompletion && stall(location.CheckpointId))
        {
            Interlocked.Increment(ref _stalledCompletions);
            await _release.Task.ConfigureAwait(false);
        }

        await inner.CompleteAsync(location, metadata, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _completed);
    }

    public ValueTask AbortAsync(CheckpointLocation location, CancellationToken ct) => inner.AbortAsync(location, ct);

    public ValueTask<CheckpointMetadata?> FindLatestAsync(CancellationToken ct) => inner.FindLatestAsync(ct);

    /// <inheritdoc />
    public ValueTask<CheckpointMetadata> LoadMetadataAsync(string path, CancellationToken ct) => inner.LoadMetadataAsync(path, ct);
}
