using Sluice.Core.Messages;
using Sluice.Runtime.Checkpointing;
using Sluice.State.Checkpoints;

namespace Sluice.Runtime.Tests.Checkpointing;

/// <summary>
/// A job that keeps its checkpoints in memory still writes a savepoint given a directory to that directory (as Flink
/// writes savepoints to files whatever its checkpoint storage), where it can be restored from by a later process.
/// </summary>
public sealed class InMemoryCheckpointStorageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-memory-savepoint-").FullName;

    [Fact]
    public async Task SavepointWithADirectory_IsWrittenThere_AndIsTheLatestCompleted()
    {
        var storage = new InMemoryCheckpointStorage();
        var checkpoint = storage.InitializeLocation(1, CheckpointKind.Checkpoint);
        await storage.CompleteAsync(checkpoint, Metadata(1, CheckpointKind.Checkpoint), CancellationToken.None);

        var location = storage.InitializeLocation(2, CheckpointKind.Savepoint, _directory);
        Assert.False(InMemoryCheckpointStorage.IsInMemoryPath(location.Path));
        Assert.StartsWith(Path.GetFullPath(_directory), location.Path, StringComparison.Ordinal);
        var handle = await storage.WriteStateAsync(location, "op-0", new byte[] { 1, 2, 3 }, CancellationToken.None);
        await storage.CompleteAsync(location, Metadata(2, CheckpointKind.Savepoint), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(location.Path, DirectoryCheckpointStorage.MetadataFileName)));
        var loaded = await DirectoryCheckpointStorage.LoadAsync(location.Path, CancellationToken.None);
        Assert.Equal(2, loaded.CheckpointId);
        Assert.Equal(new byte[] { 1, 2, 3 }, await storage.ReadStateAsync(location.Path, handle, CancellationToken.None));
        Assert.Equal(location.Path, (await storage.FindLatestAsync(CancellationToken.None))!.Path);
    }

    [Fact]
    public async Task AbortedSavepoint_LeavesNoFolder_SavepointWithoutADirectory_StaysInMemory()
    {
        var storage = new InMemoryCheckpointStorage();
        var location = storage.InitializeLocation(3, CheckpointKind.Savepoint, _directory);
        await storage.WriteStateAsync(location, "op-0", new byte[] { 9 }, CancellationToken.None);
        await storage.AbortAsync(location, CancellationToken.None);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));

        var inMemory = storage.InitializeLocation(4, CheckpointKind.Savepoint);
        Assert.True(InMemoryCheckpointStorage.IsInMemoryPath(inMemory.Path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CheckpointMetadata Metadata(long id, CheckpointKind kind) =>
        new(id, kind, 0, "job", 128, [], new Dictionary<string, string>());
}
