using System.Runtime.InteropServices;
using Confluent.Kafka;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Kafka.Native;

/// <summary>
/// Loads the native Kafka client (librdkafka) once per process, before any Kafka client is built.
/// </summary>
/// <remarks>
/// <para>The library comes from the operating system, not from a NuGet package: by default its soname
/// <c>librdkafka.so.1</c> (Debian/Ubuntu <c>librdkafka1</c>, Fedora <c>librdkafka</c>), found by the system loader;
/// the environment variable <c>SLUICE_LIBRDKAFKA</c> names another file or soname (for example
/// <c>librdkafka.dylib</c> on macOS or <c>librdkafka.dll</c> on Windows).</para>
/// <para>Two imports of the client assembly are redirected: <c>librdkafka</c> to that library (the assembly probes
/// for an unversioned <c>librdkafka.so</c>, which only development packages ship), and <c>libdl</c> to
/// <c>libdl.so.2</c> (glibc 2.34 and later ship no unversioned <c>libdl</c>).</para>
/// <para><b>Threading.</b> <see cref="EnsureLoaded"/> is thread-safe and idempotent.</para>
/// </remarks>
internal static class KafkaNative
{
    /// <summary>The environment variable that overrides the library to load.</summary>
    public const string LibraryVariable = "SLUICE_LIBRDKAFKA";

    private const string DefaultLibrary = "librdkafka.so.1";
    private static readonly Lazy<string> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The version of the loaded library, e.g. <c>2.0.2</c>.</summary>
    public static string Version => EnsureLoaded();

    /// <summary>Loads the library unless it is loaded already; returns its version.</summary>
    /// <exception cref="ConnectorException">The library cannot be loaded (the message says how to install it).</exception>
    public static string EnsureLoaded() => Loaded.Value;

    private static string Load()
    {
        var configured = Environment.GetEnvironmentVariable(LibraryVariable);
        var library = string.IsNullOrWhiteSpace(configured) ? DefaultLibrary : configured.Trim();
        var assembly = typeof(Library).Assembly;
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => Resolve(name, library));
        }
        catch (InvalidOperationException)
        {
            // Another component registered a resolver for the client assembly already; rely on it.
        }

        try
        {
            if (!Library.IsLoaded)
            {
                Library.Load(library);
            }

            return Library.VersionString;
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or InvalidOperationException)
        {
            throw new ConnectorException("kafka",
                $"Cannot load the native Kafka client '{library}': {ex.Message} Install librdkafka 1.9 or later " +
                $"(Debian/Ubuntu: apt-get install librdkafka1), or set {LibraryVariable} to the library's path.",
                ErrorDomain.User, RetryHint.None, ex);
        }
    }

    private static IntPtr Resolve(string name, string library)
    {
        if (name == "librdkafka")
        {
            return NativeLibrary.Load(library);
        }

        if (name == "libdl" && OperatingSystem.IsLinux())
        {
            return NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero;
        }

        return IntPtr.Zero;
    }
}
