using Sluice.Core.Messages;
using Sluice.State.Checkpoints;

namespace Sluice.Testing.Faults;

/// <summary>
/// A checkpoint storage decorator that injects failures while checkpoints are written, for crash tests: the point
/// <c>"checkpoint-write"</c> before each state file is written and <c>"checkpoint-complete"</c> before the
/// metadata is written (so an injected completion failure leaves the checkpoint incomplete). Everything else is
/// delegated unchanged. With <c>JobConfig.TolerableCheckpointFailures = 0</c> an injected failure fails the job over.
/// </summary>
/// <remarks><b>Threading.</b> As thread-safe as the inner storage; the injector is thread-safe.</remarks>
public sealed class FaultInjectingCheckpointStorage : ICheckpointStorage
{
    /// <summary>The failure point called before each state file is written.</summary>
    public const string WritePoint = "checkpoint-write";

    /// <summary>The failure point called before a checkpoint's metadata is written.</summary>
    public const string CompletePoint = "checkpoint-complete";

    private readonly ICheckpointStorage _inner;
    private readonly FailureInjector _injector;

    /// <summary>Wraps <paramref name="inner"/>, failing where <paramref name="injector"/> decides.</summary>
    public FaultInjectingCheckpointStorage(ICheckpointStorage inner, FailureInjector injector)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(injector);
        _inner = inner;
        _injector = injector;
    }

    /// <summary>The decorated storage.</summary>
    public ICheckpointStorage Inner => _inner;

    /// <inheritdoc />
    public CheckpointLocation InitializeLocation(long checkpointId, CheckpointKind kind, string? savepointDirectory = null) =>
        _inner.InitializeLocation(checkpointId, kind, savepointDirectory);

    /// <inheritdoc />
    public ValueTask<StateHandle> WriteStateAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        _injector.MaybeFail(WritePoint);
        return _inner.WriteStateAsync(location, fileName, data, ct);
    }

    /// <inheritdoc />
    public ValueTask<byte[]> ReadStateAsync(string checkpointPath, StateHandle handle, CancellationToken ct) =>
        _inner.ReadStateAsync(checkpointPath, handle, ct);

    /// <inheritdoc />
    public ValueTask CompleteAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken ct)
    {
        _injector.MaybeFail(CompletePoint);
        return _inner.CompleteAsync(location, metadata, ct);
    }

    /// <inheritdoc />
    public ValueTask AbortAsync(CheckpointLocation location, CancellationToken ct) => _inner.AbortAsync(location, ct);

    /// <inheritdoc />
    public ValueTask<CheckpointMetadata?> FindLatestAsync(CancellationToken ct) => _inner.FindLatestAsync(ct);

    /// <inheritdoc />
    public ValueTask<long> HighestCheckpointIdAsync(CancellationToken ct) => _inner.HighestCheckpointIdAsync(ct);

    /// <inheritdoc />
    public ValueTask<CheckpointMetadata> LoadMetadataAsync(string path, CancellationToken ct) => _inner.LoadMetadataAsync(path, ct);
}
