using System.Reflection;
using System.Runtime.Loader;

namespace Sluice.Sql.Functions;

/// <summary>
/// The load context of one function assembly (<c>USING JAR 'x.dll'</c>): assemblies the host already has (Sluice
/// itself, the framework) are shared, so the function classes derive from the host's <see cref="UserDefinedFunction"/>;
/// the assembly's own dependencies are loaded from its directory (through its <c>.deps.json</c> when there is one).
/// Never unloaded.
/// </summary>
internal sealed class FunctionAssemblyLoadContext : AssemblyLoadContext
{
    private readonly string _directory;
    private readonly AssemblyDependencyResolver? _resolver;

    public FunctionAssemblyLoadContext(string assemblyPath)
        : base("sluice-functions:" + Path.GetFileName(assemblyPath), isCollectible: false)
    {
        _directory = Path.GetDirectoryName(assemblyPath)!;
        try
        {
            _resolver = new AssemblyDependencyResolver(assemblyPath);
        }
        catch (InvalidOperationException)
        {
            _resolver = null;
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        try
        {
            // The host's copy when it has one: one UserDefinedFunction type for host and functions.
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (FileNotFoundException)
        {
        }
        catch (FileLoadException)
        {
        }

        var path = _resolver?.ResolveAssemblyToPath(assemblyName);
        if (path is null && assemblyName.Name is { } name)
        {
            var candidate = Path.Combine(_directory, name + ".dll");
            path = File.Exists(candidate) ? candidate : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
