using System.Text;
using Sluice.Core.Errors;
using Sluice.Core.Hashing;
using Sluice.Core.Messages;
using Sluice.State.Checkpoints;
using Xunit;

namespace Sluice.State.Tests.Checkpoints;

[Trait("Category", "Integration")]
public sealed class DirectoryCheckpointStorageTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    private string Root => Path.Combine(_temp.Path, "checkpoints");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Complete_ThenFindLatest_RoundTripsMetadataAndState()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(1, CheckpointKind.Checkpoint);
        Assert.Equal(Path.Combine(Root, "chk-1"), location.Path);
        var keyed = await storage.WriteStateAsync(location, "op-a-0-keyed", Bytes("keyed state of subtask 0"), _ct);
        var opState = await storage.WriteStateAsync(location, "op-a-0-operator", Bytes("source offsets"), _ct);
        var metadata = Metadata(1, CheckpointKind.Checkpoint, timestamp: 1000,
            new OperatorSnapshotMetadata("op-a", 2, [
                new SubtaskSnapshotMetadata(0, new KeyedStateHandle(0, 63, keyed), opState),
                new SubtaskSnapshotMetadata(1, null, null),
            ]));

        await storage.CompleteAsync(location, metadata, _ct);
        var latest = await storage.FindLatestAsync(_ct);

        Assert.NotNull(latest);
        Assert.Equal(metadata, latest);
        Assert.Equal(location.Path, latest.Path);
        Assert.Equal("1.0", latest.Properties["engine"]);
        var handle = latest.Operators[0].Subtasks[0].KeyedState!.Handle;
        Assert.Equal("op-a-0-keyed", handle.RelativePath);
        Assert.Equal("keyed state of subtask 0", Encoding.UTF8.GetString(await storage.ReadStateAsync(latest.Path, handle, _ct)));
        var opHandle = latest.Operators[0].Subtasks[0].OperatorState!;
        Assert.Equal("source offsets", Encoding.UTF8.GetString(await storage.ReadStateAsync(latest.Path, opHandle, _ct)));
        Assert.Null(latest.Operators[0].Subtasks[1].KeyedState);
    }

    [Fact]
    public async Task WriteState_InParts_WritesTheirConcatenation_UnderTheGivenCrc()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(1, CheckpointKind.Checkpoint);
        ReadOnlyMemory<byte>[] parts = [Bytes("header|"), Bytes("the state's bytes"), Bytes("|trailer")];
        var whole = Encoding.UTF8.GetBytes("header|the state's bytes|trailer");

        var handle = await storage.WriteStateAsync(location, "parts", parts, Crc32C.Compute(whole), _ct);
        Assert.Equal(whole.Length, handle.Length);
        Assert.Equal(whole, await storage.ReadStateAsync(location.Path, handle, _ct));

        // The handle records the CRC it was given, and reading verifies the file against it.
        var wrong = await storage.WriteStateAsync(location, "parts-wrong-crc", parts, Crc32C.Compute(whole) ^ 1, _ct);
        await Assert.ThrowsAsync<CheckpointException>(async () => await storage.ReadStateAsync(location.Path, wrong, _ct));
    }

    [Fact]
    public async Task Metadata_IsVersionedJsonWithChecksumTrailer()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = await CompleteCheckpointAsync(storage, 4);

        var text = await File.ReadAllTextAsync(Path.Combine(location.Path, DirectoryCheckpointStorage.MetadataFileName), _ct);

        Assert.Contains("\"format\": \"sluice-checkpoint\"", text, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", text, StringComparison.Ordinal);
        Assert.Matches(@"\ncrc32c [0-9a-f]{8}\n$", text);
        Assert.False(File.Exists(Path.Combine(location.Path, "_metadata.inprogress")));
    }

    [Fact]
    public async Task FinishedMarkers_RoundTrip_AsVersion2_AndAFileWithoutThemStaysVersion1()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(5, CheckpointKind.Checkpoint);
        var sinkState = await storage.WriteStateAsync(location, "sink-0.operator", Bytes("committables"), _ct);
        var metadata = Metadata(5, CheckpointKind.Checkpoint, 5000,
            new OperatorSnapshotMetadata("agg", 2, [new SubtaskSnapshotMetadata(0, null, null, Finished: true),
                new SubtaskSnapshotMetadata(1, null, null, Finished: true)]),
            new OperatorSnapshotMetadata("sink", 1, [new SubtaskSnapshotMetadata(0, null, sinkState)]));

        await storage.CompleteAsync(location, metadata, _ct);
        var loaded = await DirectoryCheckpointStorage.LoadAsync(location.Path, _ct);
        var text = await File.ReadAllTextAsync(Path.Combine(location.Path, DirectoryCheckpointStorage.MetadataFileName), _ct);

        Assert.Equal(metadata, loaded);
        Assert.All(loaded.Operators[0].Subtasks, s => Assert.True(s.Finished));
        Assert.False(loaded.Operators[1].Subtasks[0].Finished);
        // A reader of version 1 only would take the markers for empty state: version 2 makes it refuse the file.
        Assert.Contains("\"version\": 2", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "\"finished\": true"));

        var plain = await CompleteCheckpointAsync(storage, 6);
        var plainText = await File.ReadAllTextAsync(Path.Combine(plain.Path, DirectoryCheckpointStorage.MetadataFileName), _ct);
        Assert.Contains("\"version\": 1", plainText, StringComparison.Ordinal);
        Assert.DoesNotContain("finished", plainText, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task FindLatest_FolderWithStateButNoMetadata_IsNotLatest()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        await CompleteCheckpointAsync(storage, 1);
        var unfinished = storage.InitializeLocation(2, CheckpointKind.Checkpoint);
        await storage.WriteStateAsync(unfinished, "state", Bytes("half a checkpoint"), _ct);

        var latest = await storage.FindLatestAsync(_ct);

        Assert.Equal(1, latest?.CheckpointId);
        var ex = await Assert.ThrowsAsync<CheckpointException>(
            async () => await DirectoryCheckpointStorage.LoadAsync(unfinished.Path, _ct));
        Assert.Equal(ErrorDomain.User, ex.Domain);
        Assert.Contains("not a completed checkpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindLatest_EmptyOrMissingDirectory_ReturnsNull()
    {
        Assert.Null(await new DirectoryCheckpointStorage(Root).FindLatestAsync(_ct));
        Directory.CreateDirectory(Root);
        Assert.Null(await new DirectoryCheckpointStorage(Root).FindLatestAsync(_ct));
    }

    [Fact]
    public async Task ReadState_FlippedByte_ThrowsNamingTheFile()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(1, CheckpointKind.Checkpoint);
        var handle = await storage.WriteStateAsync(location, "keyed-0", Bytes("some precious state"), _ct);
        var path = Path.Combine(location.Path, "keyed-0");
        var bytes = await File.ReadAllBytesAsync(path, _ct);
        bytes[3] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes, _ct);

        var ex = await Assert.ThrowsAsync<CheckpointException>(async () => await storage.ReadStateAsync(location.Path, handle, _ct));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadState_TruncatedFile_ThrowsLengthMismatch()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(1, CheckpointKind.Checkpoint);
        var handle = await storage.WriteStateAsync(location, "keyed-0", Bytes("some precious state"), _ct);
        var path = Path.Combine(location.Path, "keyed-0");
        await File.WriteAllBytesAsync(path, Bytes("some").ToArray(), _ct);

        var ex = await Assert.ThrowsAsync<CheckpointException>(async () => await storage.ReadStateAsync(location.Path, handle, _ct));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("4 bytes long", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadState_MissingFile_ThrowsNamingTheFile()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(1, CheckpointKind.Checkpoint);
        var handle = await storage.WriteStateAsync(location, "keyed-0", Bytes("x"), _ct);
        File.Delete(Path.Combine(location.Path, "keyed-0"));

        var ex = await Assert.ThrowsAsync<CheckpointException>(async () => await storage.ReadStateAsync(location.Path, handle, _ct));

        Assert.Contains("keyed-0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedMetadata_IsSkippedByFindLatest_AndLoadThrows()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        await CompleteCheckpointAsync(storage, 1);
        var second = await CompleteCheckpointAsync(storage, 2);
        var metadataPath = Path.Combine(second.Path, DirectoryCheckpointStorage.MetadataFileName);
        var bytes = await File.ReadAllBytesAsync(metadataPath, _ct);
        await File.WriteAllBytesAsync(metadataPath, bytes.AsSpan(0, bytes.Length - 12).ToArray(), _ct);

        var latest = await storage.FindLatestAsync(_ct);
        var ex = await Assert.ThrowsAsync<CheckpointException>(async () => await DirectoryCheckpointStorage.LoadAsync(second.Path, _ct));

        Assert.Equal(1, latest?.CheckpointId);
        Assert.Equal(ErrorDomain.User, ex.Domain);
        Assert.Contains(second.Path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditedMetadata_FailsTheChecksum()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = await CompleteCheckpointAsync(storage, 1);
        var metadataPath = Path.Combine(location.Path, DirectoryCheckpointStorage.MetadataFileName);
        var text = await File.ReadAllTextAsync(metadataPath, _ct);
        await File.WriteAllTextAsync(metadataPath, text.Replace("\"job\"", "\"jab\"", StringComparison.Ordinal), _ct);

        var ex = await Assert.ThrowsAsync<CheckpointException>(async () => await DirectoryCheckpointStorage.LoadAsync(metadataPath, _ct));

        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Null(await storage.FindLatestAsync(_ct));
    }

    [Fact]
    public async Task Load_AcceptsFolderOrMetadataFile_AndRejectsOtherPaths()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = await CompleteCheckpointAsync(storage, 3);

        var byFolder = await DirectoryCheckpointStorage.LoadAsync(location.Path, _ct);
        var byFile = await DirectoryCheckpointStorage.LoadAsync(Path.Combine(location.Path, "_metadata"), _ct);
        var missing = await Assert.ThrowsAsync<CheckpointException>(
            async () => await DirectoryCheckpointStorage.LoadAsync(Path.Combine(Root, "nope"), _ct));
        var stateFile = await Assert.ThrowsAsync<CheckpointException>(
            async () => await DirectoryCheckpointStorage.LoadAsync(Path.Combine(location.Path, "state"), _ct));

        Assert.Equal(3, byFolder.CheckpointId);
        Assert.Equal(location.Path, byFile.Path);
        Assert.Equal(ErrorDomain.User, missing.Domain);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorDomain.User, stateFile.Domain);
    }

    [Fact]
    public async Task PathsWithATrailingSeparator_AreAccepted()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = await CompleteCheckpointAsync(storage, 2);

        var loaded = await DirectoryCheckpointStorage.LoadAsync(location.Path + Path.DirectorySeparatorChar, _ct);
        var state = await storage.ReadStateAsync(loaded.Path + Path.DirectorySeparatorChar,
            loaded.Operators[0].Subtasks[0].OperatorState!, _ct);

        Assert.Equal(location.Path, loaded.Path);
        Assert.Equal("state of 2", Encoding.UTF8.GetString(state));
    }

    [Fact]
    public async Task Retention_KeepsExactlyTheNewestN()
    {
        var storage = new DirectoryCheckpointStorage(Root, retainedCheckpoints: 2);
        for (var id = 1; id <= 5; id++)
        {
            await CompleteCheckpointAsync(storage, id);
        }

        Assert.Equal(["chk-4", "chk-5"], CheckpointFolders());
        Assert.Equal(5, (await storage.FindLatestAsync(_ct))?.CheckpointId);
    }

    [Fact]
    public async Task Retention_DeletesIncompleteLowerIds_AndKeepsHigherOnesInProgress()
    {
        var storage = new DirectoryCheckpointStorage(Root, retainedCheckpoints: 3);
        await CompleteCheckpointAsync(storage, 1);
        var failed = storage.InitializeLocation(2, CheckpointKind.Checkpoint);
        await storage.WriteStateAsync(failed, "state", Bytes("abandoned"), _ct);
        var third = storage.InitializeLocation(3, CheckpointKind.Checkpoint);
        var inFlight = storage.InitializeLocation(4, CheckpointKind.Checkpoint);
        await storage.WriteStateAsync(inFlight, "state", Bytes("still being written"), _ct);

        await storage.CompleteAsync(third, Metadata(3, CheckpointKind.Checkpoint, 3000), _ct);

        Assert.Equal(["chk-1", "chk-3", "chk-4"], CheckpointFolders());
    }

    [Fact]
    public async Task Savepoints_AreNotDeletedByRetention_AndRestoreAfterBeingMoved()
    {
        var storage = new DirectoryCheckpointStorage(Root, retainedCheckpoints: 1);
        var savepoint = storage.InitializeLocation(2, CheckpointKind.Savepoint);
        Assert.Matches(@"savepoint-2-[0-9a-f]{8}$", savepoint.Path);
        Assert.StartsWith(storage.SavepointDirectory, savepoint.Path, StringComparison.Ordinal);
        var handle = await storage.WriteStateAsync(savepoint, "keyed-0", Bytes("savepoint state"), _ct);
        var metadata = Metadata(2, CheckpointKind.Savepoint, 2000,
            new OperatorSnapshotMetadata("op", 1, [new SubtaskSnapshotMetadata(0, new KeyedStateHandle(0, 127, handle), null)]));
        await storage.CompleteAsync(savepoint, metadata, _ct);
        for (var id = 1; id <= 4; id++)
        {
            await CompleteCheckpointAsync(storage, id == 2 ? 20 : id);
        }

        Assert.True(Directory.Exists(savepoint.Path));
        var moved = Path.Combine(_temp.Path, "elsewhere", "my-savepoint");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(savepoint.Path, moved);
        var loaded = await DirectoryCheckpointStorage.LoadAsync(moved, _ct);
        var state = await storage.ReadStateAsync(loaded.Path, loaded.Operators[0].Subtasks[0].KeyedState!.Handle, _ct);

        Assert.Equal(metadata, loaded);
        Assert.Equal(moved, loaded.Path);
        Assert.Equal(CheckpointKind.Savepoint, loaded.Kind);
        Assert.Equal("savepoint state", Encoding.UTF8.GetString(state));
    }

    [Fact]
    public async Task Savepoint_InCustomDirectory_IsSelfContained()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var custom = Path.Combine(_temp.Path, "user-savepoints");
        var savepoint = storage.InitializeLocation(9, CheckpointKind.Savepoint, custom);
        await storage.CompleteAsync(savepoint, Metadata(9, CheckpointKind.Savepoint, 9000), _ct);

        Assert.Equal(custom, Path.GetDirectoryName(savepoint.Path));
        Assert.Equal(9, (await DirectoryCheckpointStorage.LoadAsync(savepoint.Path, _ct)).CheckpointId);
        Assert.Null(await storage.FindLatestAsync(_ct));
    }

    [Fact]
    public async Task FindLatest_ComparesCheckpointsAndSavepoints_ByIdThenTimestamp()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        await CompleteCheckpointAsync(storage, 5, timestamp: 5000);
        var savepoint = storage.InitializeLocation(5, CheckpointKind.Savepoint);
        await storage.CompleteAsync(savepoint, Metadata(5, CheckpointKind.Savepoint, 5001), _ct);

        var latest = await storage.FindLatestAsync(_ct);
        Assert.Equal(CheckpointKind.Savepoint, latest?.Kind);

        await CompleteCheckpointAsync(storage, 6, timestamp: 10);
        Assert.Equal(6, (await storage.FindLatestAsync(_ct))?.CheckpointId);
    }

    [Fact]
    public async Task InitializeLocation_ClearsAnIncompleteLeftover_ButNeverACompletedCheckpoint()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var leftover = storage.InitializeLocation(7, CheckpointKind.Checkpoint);
        await storage.WriteStateAsync(leftover, "stale", Bytes("from a failed attempt"), _ct);

        var again = storage.InitializeLocation(7, CheckpointKind.Checkpoint);
        Assert.Empty(Directory.EnumerateFileSystemEntries(again.Path));

        await storage.CompleteAsync(again, Metadata(7, CheckpointKind.Checkpoint, 7000), _ct);
        Assert.Throws<CheckpointException>(() => storage.InitializeLocation(7, CheckpointKind.Checkpoint));
    }

    [Fact]
    public async Task Complete_WithMetadataOfAnotherCheckpoint_Throws()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(1, CheckpointKind.Checkpoint);

        await Assert.ThrowsAsync<ArgumentException>(
            async () => await storage.CompleteAsync(location, Metadata(2, CheckpointKind.Checkpoint, 1), _ct));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("sub/file")]
    [InlineData("_metadata")]
    [InlineData("")]
    public async Task WriteState_RejectsNamesThatAreNotPlainFileNames(string name)
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(1, CheckpointKind.Checkpoint);

        await Assert.ThrowsAsync<ArgumentException>(async () => await storage.WriteStateAsync(location, name, Bytes("x"), _ct));
    }

    [Fact]
    public async Task Abort_DeletesTheFolder()
    {
        var storage = new DirectoryCheckpointStorage(Root);
        var location = storage.InitializeLocation(1, CheckpointKind.Checkpoint);
        await storage.WriteStateAsync(location, "state", Bytes("x"), _ct);

        await storage.AbortAsync(location, _ct);

        Assert.False(Directory.Exists(location.Path));
        Assert.Null(await storage.FindLatestAsync(_ct));
    }

    private async Task<CheckpointLocation> CompleteCheckpointAsync(DirectoryCheckpointStorage storage, long id, long? timestamp = null)
    {
        var location = storage.InitializeLocation(id, CheckpointKind.Checkpoint);
        var handle = await storage.WriteStateAsync(location, "state", Bytes($"state of {id}"), _ct);
        var metadata = Metadata(id, CheckpointKind.Checkpoint, timestamp ?? id * 1000,
            new OperatorSnapshotMetadata("op", 1, [new SubtaskSnapshotMetadata(0, null, handle)]));
        await storage.CompleteAsync(location, metadata, _ct);
        return location;
    }

    private static CheckpointMetadata Metadata(long id, CheckpointKind kind, long timestamp, params OperatorSnapshotMetadata[] operators) =>
        new(id, kind, timestamp, "job", 128, operators, new Dictionary<string, string> { ["engine"] = "1.0" });

    private List<string> CheckpointFolders() =>
        Directory.EnumerateDirectories(Root, "chk-*").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
