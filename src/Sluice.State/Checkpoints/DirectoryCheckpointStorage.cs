using Sluice.Core.IO;
using System.Globalization;
using System.Security.Cryptography;
using Sluice.Core.Errors;
using Sluice.Core.Hashing;
using Sluice.Core.Messages;

namespace Sluice.State.Checkpoints;

/// <summary>
/// Checkpoint storage in a local or shared directory.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> Checkpoint n is the folder <c>&lt;directory&gt;/chk-&lt;n&gt;/</c>; a savepoint is
/// <c>&lt;savepoints&gt;/savepoint-&lt;n&gt;-&lt;8 random hex&gt;/</c>, where <c>&lt;savepoints&gt;</c> defaults to
/// <c>&lt;directory&gt;/savepoints</c>. Each folder holds the state files and, once complete, a <c>_metadata</c> file.
/// State handles are relative to the folder, so a savepoint can be moved or copied elsewhere and restored from there.</para>
/// <para><b>Atomicity.</b> <c>_metadata</c> is written to a temporary file, fsynced and renamed into place, then the
/// folder is fsynced: a checkpoint is complete if and only if its <c>_metadata</c> exists and verifies (format,
/// version, CRC-32C). Folders without it are never restored from.</para>
/// <para><b>Retention.</b> After a checkpoint (not a savepoint) completes, the newest
/// <see cref="RetainedCheckpoints"/> completed <c>chk-*</c> folders are kept and older ones deleted, together with
/// incomplete <c>chk-*</c> folders of a lower id (subsumed checkpoints). Savepoints are never deleted by the storage.
/// Retention is best effort: a folder that cannot be deleted now is retried at the next completion.</para>
/// <para><b>Errors.</b> Unreadable or corrupt files throw <see cref="CheckpointException"/> naming the file, with
/// <see cref="ErrorDomain.External"/>; <see cref="LoadAsync"/> of a path that is not a completed checkpoint throws with
/// <see cref="ErrorDomain.User"/>.</para>
/// <para><b>Threading.</b> See <see cref="ICheckpointStorage"/>; completion and retention are serialized internally.</para>
/// </remarks>
public sealed class DirectoryCheckpointStorage : ICheckpointStorage
{
    /// <summary>The name of the file whose presence (and validity) marks a checkpoint as complete.</summary>
    public const string MetadataFileName = "_metadata";

    private const string CheckpointPrefix = "chk-";
    private const string SavepointPrefix = "savepoint-";
    private const string MetadataTempFileName = "_metadata.inprogress";

    private readonly SemaphoreSlim _completionGate = new(1, 1);

    /// <summary>Creates a storage rooted at <paramref name="directory"/> (created on first use).</summary>
    /// <param name="directory">The folder that holds the <c>chk-*</c> folders.</param>
    /// <param name="retainedCheckpoints">How many completed checkpoints to keep (at least 1).</param>
    public DirectoryCheckpointStorage(string directory, int retainedCheckpoints = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedCheckpoints, 1);
        RootDirectory = Path.GetFullPath(directory);
        SavepointDirectory = Path.Combine(RootDirectory, "savepoints");
        RetainedCheckpoints = retainedCheckpoints;
    }

    /// <summary>The absolute path of the folder that holds the <c>chk-*</c> folders.</summary>
    public string RootDirectory { get; }

    /// <summary>The default folder of savepoints (<c>&lt;directory&gt;/savepoints</c>).</summary>
    public string SavepointDirectory { get; }

    /// <summary>How many completed checkpoints retention keeps.</summary>
    public int RetainedCheckpoints { get; }

    /// <inheritdoc />
    /// <remarks>An incomplete folder of the same checkpoint id (left over by a failed attempt) is deleted first;
    /// a completed one is never overwritten.</remarks>
    public CheckpointLocation InitializeLocation(long checkpointId, CheckpointKind kind, string? savepointDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(checkpointId);
        string path;
        try
        {
            if (kind == CheckpointKind.Checkpoint)
            {
                path = Path.Combine(RootDirectory, CheckpointPrefix + checkpointId.ToString(CultureInfo.InvariantCulture));
                if (Directory.Exists(path))
                {
                    if (File.Exists(Path.Combine(path, MetadataFileName)))
                    {
                        throw new CheckpointException(
                            $"Checkpoint {checkpointId} already exists and is complete at '{path}'; it will not be overwritten.");
                    }

                    Directory.Delete(path, recursive: true);
                }
            }
            else
            {
                var parent = savepointDirectory is null ? SavepointDirectory : Path.GetFullPath(savepointDirectory);
                do
                {
                    var name = SavepointPrefix + checkpointId.ToString(CultureInfo.InvariantCulture) + "-"
                        + RandomNumberGenerator.GetHexString(8, lowercase: true);
                    path = Path.Combine(parent, name);
                }
                while (Directory.Exists(path));
            }

            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(
                $"Cannot create the folder of {KindText(kind)} {checkpointId}: {ex.Message}", ErrorDomain.External, ex);
        }

        return new CheckpointLocation(checkpointId, kind, path);
    }

    /// <inheritdoc />
    public async ValueTask<StateHandle> WriteStateAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data,
        CancellationToken ct)
    {
        await WriteFileAsync(location, fileName, [data], ct).ConfigureAwait(false);
        return new StateHandle(fileName, data.Length, Crc32C.Compute(data.Span));
    }

    /// <inheritdoc />
    public async ValueTask<StateHandle> WriteStateAsync(CheckpointLocation location, string fileName, IReadOnlyList<ReadOnlyMemory<byte>> parts,
        uint crc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parts);
        await WriteFileAsync(location, fileName, parts, ct).ConfigureAwait(false);
        return new StateHandle(fileName, parts.Sum(p => (long)p.Length), crc);
    }

    private static async ValueTask WriteFileAsync(CheckpointLocation location, string fileName, IReadOnlyList<ReadOnlyMemory<byte>> parts,
        CancellationToken ct)
    {
        ValidateFileName(fileName);
        var path = Path.Combine(location.Path, fileName);
        try
        {
            await DurableFiles.WriteAsync(path, parts, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(
                $"Cannot write state file '{path}' of {KindText(location.Kind)} {location.CheckpointId}: {ex.Message}",
                ErrorDomain.External, ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> ReadStateAsync(string checkpointPath, StateHandle handle, CancellationToken ct)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkpointPath));
        var path = Path.GetFullPath(Path.Combine(folder, handle.RelativePath));
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new CheckpointException(
                $"State file '{handle.RelativePath}' points outside its checkpoint folder '{folder}'.", ErrorDomain.External);
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CheckpointException(
                    $"State file '{path}' of checkpoint '{folder}' is missing.", ErrorDomain.External);
            }

            if (info.Length != handle.Length)
            {
                throw LengthMismatch(path, info.Length, handle.Length);
            }

            bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointException($"State file '{path}' of checkpoint '{folder}' is missing.", ErrorDomain.External, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Cannot read state file '{path}': {ex.Message}", ErrorDomain.External, ex);
        }

        if (bytes.LongLength != handle.Length)
        {
            throw LengthMismatch(path, bytes.LongLength, handle.Length);
        }

        var crc = Crc32C.Compute(bytes);
        if (crc != handle.Crc32C)
        {
            throw new CheckpointException(
                $"State file '{path}' is corrupt: its CRC-32C is {crc:x8}, the checkpoint recorded {handle.Crc32C:x8}.",
                ErrorDomain.External);
        }

        return bytes;
    }

    /// <inheritdoc />
    /// <remarks>Cancellation is honoured until the metadata is in place; retention afterwards always runs.</remarks>
    public async ValueTask CompleteAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken ct)
    {
        if (metadata.CheckpointId != location.CheckpointId || metadata.Kind != location.Kind)
        {
            throw new ArgumentException(
                $"The metadata describes {KindText(metadata.Kind)} {metadata.CheckpointId}, " +
                $"but the location is {KindText(location.Kind)} {location.CheckpointId}.", nameof(metadata));
        }

        var bytes = CheckpointMetadataCodec.Encode(metadata);
        await _completionGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!Directory.Exists(location.Path))
            {
                throw new CheckpointException(
                    $"Cannot complete {KindText(location.Kind)} {location.CheckpointId}: its folder '{location.Path}' no longer exists.",
                    ErrorDomain.External);
            }

            var temp = Path.Combine(location.Path, MetadataTempFileName);
            try
            {
                await DurableFiles.WriteAsync(temp, bytes, ct).ConfigureAwait(false);
                File.Move(temp, Path.Combine(location.Path, MetadataFileName), overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointException(
                    $"Cannot write the metadata of {KindText(location.Kind)} {location.CheckpointId} in '{location.Path}': {ex.Message}",
                    ErrorDomain.External, ex);
            }

            DurableFiles.SyncDirectory(location.Path);
            var parent = Path.GetDirectoryName(location.Path);
            if (parent is not null)
            {
                DurableFiles.SyncDirectory(parent);
            }

            if (location.Kind == CheckpointKind.Checkpoint)
            {
                await ApplyRetentionAsync(location.CheckpointId).ConfigureAwait(false);
            }
        }
        finally
        {
            _completionGate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask AbortAsync(CheckpointLocation location, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            if (Directory.Exists(location.Path))
            {
                Directory.Delete(location.Path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(
                $"Cannot delete the folder '{location.Path}' of aborted {KindText(location.Kind)} {location.CheckpointId}: {ex.Message}",
                ErrorDomain.External, ex);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Searches the <c>chk-*</c> folders and the default savepoint folder (not savepoints written elsewhere).</remarks>
    public async ValueTask<CheckpointMetadata?> FindLatestAsync(CancellationToken ct)
    {
        CheckpointMetadata? latest = null;
        var candidates = ListFolders(RootDirectory, CheckpointPrefix).Concat(ListFolders(SavepointDirectory, SavepointPrefix));
        foreach (var (_, path) in candidates)
        {
            var metadata = await TryLoadAsync(path, ct).ConfigureAwait(false);
            if (metadata is not null
                && (latest is null
                    || metadata.CheckpointId > latest.CheckpointId
                    || (metadata.CheckpointId == latest.CheckpointId && metadata.TimestampMillis > latest.TimestampMillis)))
            {
                latest = metadata;
            }
        }

        return latest;
    }

    /// <inheritdoc />
    /// <remarks>Looks at the <c>chk-*</c> folders and the default savepoint folder.</remarks>
    public ValueTask<long> HighestCheckpointIdAsync(CancellationToken ct)
    {
        var ids = ListFolders(RootDirectory, CheckpointPrefix).Concat(ListFolders(SavepointDirectory, SavepointPrefix)).Select(f => f.Id);
        return ValueTask.FromResult(ids.DefaultIfEmpty(0).Max());
    }

    /// <summary>
    /// Loads the metadata of a completed checkpoint or savepoint, e.g. one named by the user to restore from.
    /// </summary>
    /// <param name="path">The checkpoint or savepoint folder, or its <c>_metadata</c> file.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The verified metadata, with <see cref="CheckpointMetadata.Path"/> set to the folder.</returns>
    /// <exception cref="CheckpointException">The path does not exist, or is not a completed checkpoint (no or corrupt
    /// metadata): <see cref="ErrorDomain.User"/>; the metadata cannot be read: <see cref="ErrorDomain.External"/>.</exception>
    public static async ValueTask<CheckpointMetadata> LoadAsync(string path, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        string folder;
        if (Directory.Exists(full))
        {
            folder = Path.TrimEndingDirectorySeparator(full);
        }
        else if (File.Exists(full) && Path.GetFileName(full) == MetadataFileName)
        {
            folder = Path.GetDirectoryName(full)!;
        }
        else if (File.Exists(full))
        {
            throw new CheckpointException(
                $"'{path}' is neither a checkpoint or savepoint folder nor its '{MetadataFileName}' file.", ErrorDomain.User);
        }
        else
        {
            throw new CheckpointException($"Checkpoint or savepoint '{path}' does not exist.", ErrorDomain.User);
        }

        var metadataPath = Path.Combine(folder, MetadataFileName);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(metadataPath, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointException(
                $"'{folder}' is not a completed checkpoint or savepoint: it has no '{MetadataFileName}' file " +
                "(the checkpoint never completed, or this is not a checkpoint folder).", ErrorDomain.User, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Cannot read '{metadataPath}': {ex.Message}", ErrorDomain.External, ex);
        }

        try
        {
            return CheckpointMetadataCodec.Decode(bytes, folder);
        }
        catch (InvalidDataException ex)
        {
            throw new CheckpointException(
                $"'{folder}' is not a usable checkpoint or savepoint: its '{MetadataFileName}' is invalid: {ex.Message}.",
                ErrorDomain.User, ex);
        }
    }

    private async ValueTask ApplyRetentionAsync(long completedId)
    {
        var completed = new List<(long Id, string Path)>();
        var incomplete = new List<(long Id, string Path)>();
        foreach (var folder in ListFolders(RootDirectory, CheckpointPrefix))
        {
            var metadata = await TryLoadAsync(folder.Path, CancellationToken.None).ConfigureAwait(false);
            (metadata is null ? incomplete : completed).Add(folder);
        }

        completed.Sort((a, b) => b.Id.CompareTo(a.Id));
        foreach (var (_, path) in completed.Skip(RetainedCheckpoints))
        {
            TryDelete(path);
        }

        foreach (var (id, path) in incomplete)
        {
            if (id < completedId)
            {
                TryDelete(path);
            }
        }
    }

    private static async ValueTask<CheckpointMetadata?> TryLoadAsync(string folder, CancellationToken ct)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, MetadataFileName), ct).ConfigureAwait(false);
            return CheckpointMetadataCodec.Decode(bytes, folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The sub-folders of <paramref name="directory"/> named <c>&lt;prefix&gt;&lt;id&gt;[-suffix]</c>.</summary>
    private static List<(long Id, string Path)> ListFolders(string directory, string prefix)
    {
        var result = new List<(long Id, string Path)>();
        if (!Directory.Exists(directory))
        {
            return result;
        }

        foreach (var path in Directory.EnumerateDirectories(directory, prefix + "*"))
        {
            var rest = Path.GetFileName(path.AsSpan())[prefix.Length..];
            var dash = rest.IndexOf('-');
            var idText = dash < 0 ? rest : rest[..dash];
            if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                result.Add((id, path));
            }
        }

        return result;
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: retried at the next completion.
        }
    }

    private static void ValidateFileName(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName.IndexOfAny(['/', '\\']) >= 0 || fileName is "." or ".."
            || fileName.StartsWith(MetadataFileName, StringComparison.Ordinal)
            || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException(
                $"'{fileName}' is not a valid state file name: use a plain file name, not a path, and not '{MetadataFileName}'.",
                nameof(fileName));
        }
    }

    private static CheckpointException LengthMismatch(string path, long actual, long expected) =>
        new($"State file '{path}' is {actual} bytes long, but the checkpoint recorded {expected} bytes (truncated or overwritten).",
            ErrorDomain.External);

    private static string KindText(CheckpointKind kind) => kind == CheckpointKind.Savepoint ? "savepoint" : "checkpoint";
}
