using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.IO;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Files.Sink;

/// <summary>
/// The committer of a <see cref="TransactionalFileSink"/>: publishes pending part files by renaming them to their
/// visible final names, and deletes the hidden files of earlier attempts.
/// </summary>
/// <remarks><b>Threading.</b> Called on the sink task's thread only.</remarks>
internal sealed class FileSinkCommitter(string directory, string prefix, IReadOnlyList<string>? replaced = null) : ISinkCommitter<FileCommittable>
{
    private IReadOnlyList<string> _replaced = replaced ?? [];

    /// <summary>
    /// Renames each pending file to its final name (never overwriting). Idempotent: a committable whose final file
    /// exists was committed before. Throws when neither file exists: the output of a completed checkpoint was lost.
    /// </summary>
    public void Commit(IReadOnlyList<FileCommittable> committables)
    {
        var directories = new HashSet<string>(StringComparer.Ordinal);
        DeleteReplaced();
        foreach (var committable in committables)
        {
            try
            {
                if (File.Exists(committable.PendingPath))
                {
                    if (File.Exists(committable.FinalPath))
                    {
                        // Final names are unique per attempt, so the final file is this one, published by an
                        // earlier commit that stopped between linking the new name and removing the old one.
                        File.Delete(committable.PendingPath);
                    }
                    else
                    {
                        File.Move(committable.PendingPath, committable.FinalPath, overwrite: false);
                    }

                    directories.Add(Path.GetDirectoryName(committable.FinalPath) ?? directory);
                }
                else if (!File.Exists(committable.FinalPath))
                {
                    throw new ConnectorException(TransactionalFileSink.ConnectorName,
                        $"cannot commit '{committable.FinalPath}': neither it nor its pending file '{committable.PendingPath}' " +
                        "exists, so the output of a completed checkpoint was lost (was the pending file deleted or moved?).",
                        ErrorDomain.External, RetryHint.None);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConnectorException(TransactionalFileSink.ConnectorName,
                    $"cannot commit '{committable.PendingPath}' as '{committable.FinalPath}': {ex.Message}",
                    ErrorDomain.External, RetryHint.WithBackoff, ex);
            }
        }

        foreach (var dir in directories)
        {
            DurableFiles.SyncDirectory(dir);
        }
    }

    /// <summary>INSERT OVERWRITE: deletes the files the output replaces, once (files already gone are skipped).</summary>
    private void DeleteReplaced()
    {
        foreach (var path in _replaced)
        {
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConnectorException(TransactionalFileSink.ConnectorName,
                    $"cannot delete '{path}', which INSERT OVERWRITE replaces: {ex.Message}", ErrorDomain.External, RetryHint.WithBackoff, ex);
            }
        }

        _replaced = [];
    }

    /// <summary>Deletes the hidden in-progress and pending files of this sink's prefix written by other attempts.</summary>
    public void AbortLeftovers(string currentAttemptId)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "." + prefix + "-*"))
        {
            if (!PartFileName.TryParseHidden(Path.GetFileName(path), prefix, out var name) || name.AttemptId == currentAttemptId)
            {
                continue;
            }

            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConnectorException(TransactionalFileSink.ConnectorName,
                    $"cannot delete the leftover part file '{path}' of attempt '{name.AttemptId}': {ex.Message}",
                    ErrorDomain.External, RetryHint.WithBackoff, ex);
            }
        }
    }
}
