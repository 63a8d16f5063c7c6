using System.Runtime.InteropServices;

namespace Sluice.Core.IO;

/// <summary>
/// Durable file writes: write + fsync, and fsync of a directory so that a create or rename survives a power loss.
/// </summary>
public static partial class DurableFiles
{
    /// <summary>Creates (or replaces) <paramref name="path"/> with <paramref name="data"/> and fsyncs it.</summary>
    public static ValueTask WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken ct) => WriteAsync(path, [data], ct);

    /// <summary>
    /// Creates (or replaces) <paramref name="path"/> with the concatenation of <paramref name="parts"/>, written one after
    /// the other (never copied into one buffer), and fsyncs it.
    /// </summary>
    public static async ValueTask WriteAsync(string path, IReadOnlyList<ReadOnlyMemory<byte>> parts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        };
        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            foreach (var part in parts)
            {
                await stream.WriteAsync(part, ct).ConfigureAwait(false);
            }

            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Makes the entries of <paramref name="directory"/> (files created or renamed in it) durable, where the platform
    /// allows: an fsync of the directory on Unix; a no-op on Windows, whose file systems journal directory changes.
    /// Failures are ignored: this is a best-effort hardening, not a correctness condition of the caller.
    /// </summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            var fd = Open(directory, 0 /* O_RDONLY */);
            if (fd < 0)
            {
                return;
            }

            _ = Fsync(fd);
            _ = Close(fd);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to call: the platform offers no way to sync a directory from .NET.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
