using System.Runtime.InteropServices;

namespace Sluice.Connectors.Files.IO;

/// <summary>Makes file creations and renames in a directory durable (an fsync of the directory), where possible.</summary>
internal static partial class DirectorySync
{
    /// <summary>
    /// Fsyncs <paramref name="directory"/> on Unix; a no-op on Windows, whose file systems journal directory changes.
    /// Failures are ignored: this is best-effort hardening against power loss, not a correctness condition.
    /// </summary>
    public static void Sync(string directory)
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
