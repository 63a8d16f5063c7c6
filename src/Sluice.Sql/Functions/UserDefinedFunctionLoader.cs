using System.Reflection;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Functions;

/// <summary>
/// Executes <c>CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] name AS 'Namespace.Class' [LANGUAGE CSHARP]
/// [USING JAR 'path.dll', ...]</c>: loads the assemblies, finds the class, checks it
/// (<see cref="UserDefinedFunctionDescriptor.Create"/>) and registers it in the catalog.
/// </summary>
/// <remarks>
/// <para><b>Where classes are looked up.</b> First in the <c>USING JAR</c> assemblies (a relative path is resolved
/// against <see cref="BaseDirectory"/>, the script's directory, then the current directory), then in
/// <see cref="AssemblyPaths"/> (the session options <c>pipeline.jars</c> and <c>sluice.function-assemblies</c>), then in
/// the assemblies already loaded in the process. Each assembly is loaded once per process, in a load context of its
/// own that shares Sluice's assemblies with the host.</para>
/// <para><b>Errors</b> are <see cref="SqlException"/>s positioned at the statement (or at the <c>JAR</c> path) that name
/// the class, the assembly and what is missing. A failing statement leaves the catalog unchanged.</para>
/// <para><b>Threading.</b> Instances are immutable; loading is thread-safe.</para>
/// </remarks>
public sealed class UserDefinedFunctionLoader
{
    private static readonly Dictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadLock = new();
    private readonly Func<IReadOnlyDictionary<string, string>>? _jobParameters;

    /// <summary>A loader relative to the current directory, without extra assemblies and job parameters.</summary>
    public UserDefinedFunctionLoader()
        : this(null, [], null)
    {
    }

    /// <summary>Creates a loader.</summary>
    /// <param name="baseDirectory">The directory relative <c>USING JAR</c> paths are resolved against first (the script's), or null.</param>
    /// <param name="assemblyPaths">Assemblies to look classes up in after the <c>USING JAR</c> ones.</param>
    /// <param name="jobParameters">The job parameters functions are opened with, or null for none.</param>
    public UserDefinedFunctionLoader(string? baseDirectory, IReadOnlyList<string> assemblyPaths, Func<IReadOnlyDictionary<string, string>>? jobParameters)
    {
        ArgumentNullException.ThrowIfNull(assemblyPaths);
        BaseDirectory = baseDirectory;
        AssemblyPaths = assemblyPaths.ToArray();
        _jobParameters = jobParameters;
    }

    /// <summary>The directory relative paths are resolved against first, or null.</summary>
    public string? BaseDirectory { get; }

    /// <summary>The assemblies classes are looked up in after the <c>USING JAR</c> ones.</summary>
    public IReadOnlyList<string> AssemblyPaths { get; }

    /// <summary>The paths of a semicolon-separated list (Flink's <c>pipeline.jars</c>), without empty entries.</summary>
    public static IReadOnlyList<string> SplitPaths(string? text) =>
        text is null ? [] : text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Executes the statement against <paramref name="catalog"/>.</summary>
    /// <exception cref="SqlException">The language is not C#, the name is taken, an assembly or the class is not found, or the class cannot be used.</exception>
    public StatementResult Execute(CreateFunctionStatement statement, IMutableCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(catalog);
        if (statement.Language is FunctionLanguage.Java or FunctionLanguage.Scala or FunctionLanguage.Python)
        {
            throw new SqlException(SqlErrorCode.NotSupported, statement.Span,
                $"LANGUAGE {statement.Language.ToString().ToUpperInvariant()} is not supported: Sluice runs C# functions (LANGUAGE CSHARP); " +
                "implement the class in C# by deriving from ScalarFunction, TableFunction<TRow> or AggregateFunction<TResult, TAccumulator>");
        }

        if (!statement.Name.IsSimple)
        {
            throw new SqlException(SqlErrorCode.NotSupported, statement.Name.Span,
                $"qualified function names such as '{string.Join('.', statement.Name.Parts.Select(p => p.Value))}' are not supported; the catalog has one database");
        }

        var name = statement.Name.Last.Value;
        if (catalog.FindFunction(name) is { } existing)
        {
            if (existing.IsBuiltIn)
            {
                throw new SqlException(SqlErrorCode.AlreadyExists, statement.Name.Span, $"'{existing.Name}' is a built-in function; choose another name");
            }

            return statement.IfNotExists
                ? StatementResult.Ok
                : throw new SqlException(SqlErrorCode.AlreadyExists, statement.Name.Span, $"Function '{name}' already exists");
        }

        var descriptor = Describe(statement);
        if (_jobParameters is not null)
        {
            descriptor = descriptor.WithJobParameters(_jobParameters);
        }

        catalog.RegisterFunction(descriptor.ToDefinition(name));
        return StatementResult.Ok;
    }

    /// <summary>Loads the statement's assemblies, finds its class and describes it.</summary>
    /// <exception cref="SqlException">An assembly or the class is not found, or the class cannot be used.</exception>
    public UserDefinedFunctionDescriptor Describe(CreateFunctionStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var searched = new List<Assembly>();
        foreach (var jar in statement.Jars)
        {
            searched.Add(Load(ResolvePath(jar.Value, jar.Span), jar.Span));
        }

        foreach (var path in AssemblyPaths)
        {
            searched.Add(Load(ResolvePath(path, statement.Span, "sluice.function-assemblies or pipeline.jars"), statement.Span));
        }

        var className = statement.ClassName.Trim();
        var type = searched.Select(a => a.GetType(className, throwOnError: false)).FirstOrDefault(t => t is not null)
            ?? AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic).Select(a => a.GetType(className, throwOnError: false))
                .FirstOrDefault(t => t is not null);
        if (type is null)
        {
            throw new SqlException(SqlErrorCode.NotFound, statement.Span, NotFoundMessage(className, searched));
        }

        try
        {
            return UserDefinedFunctionDescriptor.Create(type);
        }
        catch (ArgumentException e)
        {
            var assembly = type.Assembly.Location.Length > 0 ? Path.GetFileName(type.Assembly.Location) : type.Assembly.GetName().Name;
            throw new SqlException(SqlErrorCode.ValidationError, statement.Span,
                $"Class '{className}' from {assembly} cannot be used as a function: {e.Message}", e);
        }
    }

    /// <summary>The assembly at <paramref name="fullPath"/>, loaded once per process.</summary>
    private static Assembly Load(string fullPath, SourceSpan span)
    {
        lock (LoadLock)
        {
            if (Loaded.TryGetValue(fullPath, out var known))
            {
                return known;
            }

            var assembly = AppDomain.CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => !a.IsDynamic && string.Equals(a.Location, fullPath, StringComparison.Ordinal))
                ?? FromHost(fullPath);
            if (assembly is null)
            {
                try
                {
                    assembly = new FunctionAssemblyLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
                }
                catch (BadImageFormatException e)
                {
                    throw new SqlException(SqlErrorCode.InvalidValue, span, $"'{fullPath}' is not a .NET assembly: {e.Message}", e);
                }
                catch (FileLoadException e)
                {
                    throw new SqlException(SqlErrorCode.InvalidValue, span, $"The assembly '{fullPath}' cannot be loaded: {e.Message}", e);
                }
            }

            Loaded[fullPath] = assembly;
            return assembly;
        }
    }

    /// <summary>The host's own copy when the host application ships this very file (it is on its probing path), else null.</summary>
    private static Assembly? FromHost(string fullPath)
    {
        try
        {
            var host = System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyName(AssemblyName.GetAssemblyName(fullPath));
            return string.Equals(host.Location, fullPath, StringComparison.Ordinal) ? host : null;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private string ResolvePath(string path, SourceSpan span, string? option = null)
    {
        var text = path.Trim();
        if (text.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            text = new Uri(text).LocalPath;
        }

        if (text.EndsWith(".jar", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqlException(SqlErrorCode.InvalidValue, span,
                $"'{path}' is a Java archive; Sluice loads C# functions from .NET assemblies (USING JAR 'functions.dll')");
        }

        var candidates = Path.IsPathRooted(text)
            ? [text]
            : new[] { BaseDirectory, Environment.CurrentDirectory }.OfType<string>().Select(d => Path.Combine(d, text)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new SqlException(SqlErrorCode.NotFound, span,
            $"The assembly '{path}'{(option is null ? string.Empty : $" (from {option})")} was not found (looked for {string.Join(" and ", candidates.Select(c => Path.GetFullPath(c)))})");
    }

    private static string NotFoundMessage(string className, List<Assembly> searched)
    {
        if (searched.Count == 0)
        {
            return $"Class '{className}' not found in the loaded assemblies; name its assembly with USING JAR 'path/to/functions.dll' " +
                "or the option 'sluice.function-assemblies' (and write the full name, Namespace.Class)";
        }

        var functions = searched.SelectMany(ExportedTypes)
            .Where(t => typeof(UserDefinedFunction).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.FullName!)
            .ToList();
        var suggestion = NameSuggestions.DidYouMean(className, functions);
        var simple = className[(className.LastIndexOf('.') + 1)..];
        if (suggestion.Length == 0 && functions.FirstOrDefault(f => f.EndsWith("." + simple, StringComparison.OrdinalIgnoreCase)) is { } sameName)
        {
            suggestion = $"; did you mean '{sameName}'?";
        }

        if (suggestion.Length == 0)
        {
            suggestion = functions.Count > 0
                ? $"; its function classes are: {string.Join(", ", functions.Take(10))}"
                : "; it has no public function classes";
        }

        return $"Class '{className}' not found in {string.Join(", ", searched.Select(a => a.GetName().Name).Distinct())} or the loaded assemblies{suggestion}";
    }

    private static IEnumerable<Type> ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
