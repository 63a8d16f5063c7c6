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
/// (<see cref="UserDefinedFunctionDescriptor.Create"/>) and registers it in the catalog in its scope; also
/// <c>ALTER FUNCTION</c>.
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

    /// <summary>
    /// Executes the statement against <paramref name="catalog"/>, as Flink: <c>TEMPORARY SYSTEM</c> registers a global
    /// function (an unqualified name; it overrides a built-in function of its name), <c>TEMPORARY</c> a temporary function
    /// and no keyword a catalog function, both in the current or the named database (a catalog function's database must
    /// exist; a temporary function of the same name has to be dropped first).
    /// </summary>
    /// <exception cref="SqlException">The language is not C#, the name is taken, an assembly or the class is not found, or the class cannot be used.</exception>
    public StatementResult Execute(CreateFunctionStatement statement, IMutableCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(catalog);
        RequireCSharp(statement.Language, statement.Span);
        var scope = statement.IsSystem ? FunctionScope.TemporarySystem : statement.IsTemporary ? FunctionScope.Temporary : FunctionScope.Catalog;
        var identifier = Identify(statement.Name, scope, catalog);
        var text = string.Join('.', statement.Name.Parts.Select(p => p.Value));
        switch (scope)
        {
            case FunctionScope.TemporarySystem when catalog.FindFunction(scope, identifier) is not null:
                return statement.IfNotExists
                    ? StatementResult.Ok
                    : throw new SqlException(SqlErrorCode.AlreadyExists, statement.Name.Span, $"Temporary system function '{text}' already exists");
            case FunctionScope.Temporary when catalog.FindFunction(scope, identifier) is not null:
                return statement.IfNotExists
                    ? StatementResult.Ok
                    : throw new SqlException(SqlErrorCode.AlreadyExists, statement.Name.Span, $"Temporary function '{text}' already exists");
            case FunctionScope.Catalog:
                if (catalog.FindFunction(FunctionScope.Temporary, identifier) is not null)
                {
                    throw new SqlException(SqlErrorCode.AlreadyExists, statement.Name.Span,
                        $"A temporary function '{text}' exists; drop it first with DROP TEMPORARY FUNCTION");
                }

                if (catalog.FindFunction(scope, identifier) is not null)
                {
                    return statement.IfNotExists
                        ? StatementResult.Ok
                        : throw new SqlException(SqlErrorCode.AlreadyExists, statement.Name.Span, $"Function '{text}' already exists");
                }

                RequireDatabase(catalog, identifier, statement.Name.Span);
                break;
        }

        var descriptor = Describe(statement);
        if (_jobParameters is not null)
        {
            descriptor = descriptor.WithJobParameters(_jobParameters);
        }

        catalog.PutFunction(new CatalogFunction(scope, scope == FunctionScope.TemporarySystem ? null : identifier, descriptor.ToDefinition(identifier.Name))
        {
            ClassName = statement.ClassName.Trim(),
            Resources = statement.Jars.Select(j => j.Value).ToArray(),
        });
        return StatementResult.Ok;
    }

    /// <summary>
    /// <c>ALTER FUNCTION [IF EXISTS] name AS 'class'</c>: points a catalog function at another class, looked up as
    /// <c>CREATE FUNCTION</c> looks classes up (first in the function's own <c>USING JAR</c> assemblies). As in Flink, the
    /// temporary forms are errors and a missing function is one unless <c>IF EXISTS</c> is given.
    /// </summary>
    /// <exception cref="SqlException">The statement is not supported, the function does not exist, or the class cannot be loaded or used.</exception>
    public StatementResult Alter(AlterFunctionStatement statement, IMutableCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(catalog);
        if (statement.IsTemporary)
        {
            throw new SqlException(SqlErrorCode.NotSupported, statement.Span, statement.IsSystem
                ? "Alter temporary system function is not supported; drop it and create it again"
                : "Alter temporary catalog function is not supported; drop it and create it again");
        }

        RequireCSharp(statement.Language, statement.Span);
        var identifier = Identify(statement.Name, FunctionScope.Catalog, catalog);
        if (catalog.FindCatalog(identifier.Catalog) is null)
        {
            throw new SqlException(SqlErrorCode.NotFound, statement.Name.Span, $"Catalog '{identifier.Catalog}' does not exist");
        }

        if (catalog.FindFunction(FunctionScope.Catalog, identifier) is not { } existing)
        {
            return statement.IfExists
                ? StatementResult.Ok
                : throw new SqlException(SqlErrorCode.NotFound, statement.Name.Span,
                    $"Function '{string.Join('.', statement.Name.Parts.Select(p => p.Value))}' does not exist in database '{identifier.Catalog}.{identifier.Database}'");
        }

        var jars = NodeList<StringLiteral>.From(existing.Resources.Select(r => new StringLiteral(statement.Span, r)).ToList());
        var create = new CreateFunctionStatement(statement.Span, statement.Name, false, false, false, statement.ClassName, statement.Language, jars);
        var descriptor = Describe(create);
        if (_jobParameters is not null)
        {
            descriptor = descriptor.WithJobParameters(_jobParameters);
        }

        catalog.PutFunction(existing with { Definition = descriptor.ToDefinition(existing.Name), ClassName = statement.ClassName.Trim() });
        return StatementResult.Ok;
    }

    private static void RequireCSharp(FunctionLanguage language, SourceSpan span)
    {
        if (language is FunctionLanguage.Java or FunctionLanguage.Scala or FunctionLanguage.Python)
        {
            throw new SqlException(SqlErrorCode.NotSupported, span,
                $"LANGUAGE {language.ToString().ToUpperInvariant()} is not supported: Sluice runs C# functions (LANGUAGE CSHARP); " +
                "implement the class in C# by deriving from ScalarFunction, TableFunction<TRow> or AggregateFunction<TResult, TAccumulator>");
        }
    }

    /// <summary>The full name of a function to create or alter; a temporary system function's name has one part.</summary>
    private static ObjectIdentifier Identify(QualifiedName name, FunctionScope scope, ICatalog catalog)
    {
        if (scope == FunctionScope.TemporarySystem)
        {
            DdlExecutor.RequireUnqualifiedSystemFunction(name);
        }

        return ObjectIdentifier.Resolve(catalog, name.Parts.Select(p => p.Value).ToArray(), name.Span);
    }

    private static void RequireDatabase(IMutableCatalog catalog, ObjectIdentifier identifier, SourceSpan span)
    {
        if (catalog.FindCatalog(identifier.Catalog) is null)
        {
            throw new SqlException(SqlErrorCode.NotFound, span, $"Catalog '{identifier.Catalog}' does not exist");
        }

        if (catalog.FindDatabase(identifier.Catalog, identifier.Database) is null)
        {
            throw new SqlException(SqlErrorCode.NotFound, span, $"Database '{identifier.Database}' does not exist in catalog '{identifier.Catalog}'");
        }
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
