using Sluice.Core.Errors;
using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;

namespace Sluice.Server.Security;

/// <summary>
/// Keeps scripts from reading or writing arbitrary server paths: when roots are configured, every table's
/// <c>path</c> option must name a file or directory under one of them (after resolving <c>..</c>; symbolic links
/// inside a root are trusted), and <c>CREATE FUNCTION</c> may load assemblies only from under them. Without roots
/// every path is allowed.
/// </summary>
internal sealed class PathPolicy
{
    private readonly IReadOnlyList<string>? _roots;

    /// <summary>Creates the policy; null allows any path.</summary>
    public PathPolicy(IReadOnlyList<string>? roots)
    {
        _roots = roots?.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToList();
    }

    /// <summary>The roots, or null when any path is allowed.</summary>
    public IReadOnlyList<string>? Roots => _roots;

    /// <summary>
    /// Checks that a <c>CREATE FUNCTION</c> (or <c>ALTER FUNCTION</c>) loads assemblies only from inside the roots (its <c>USING JAR</c> paths and
    /// the session's <c>pipeline.jars</c> / <c>sluice.function-assemblies</c>): loading an assembly runs its code in
    /// the server.
    /// </summary>
    /// <exception cref="SqlException">An assembly is outside the roots.</exception>
    public void Check(SqlStatement statement, IReadOnlyDictionary<string, string> configuration)
    {
        // ALTER FUNCTION loads the new class from the session's assembly lists too (its function's jars were checked when created).
        IEnumerable<string>? jars = statement switch
        {
            CreateFunctionStatement create => create.Jars.Select(j => j.Value),
            AlterFunctionStatement => [],
            _ => null,
        };
        if (_roots is null || jars is null)
        {
            return;
        }

        var paths = jars
            .Concat(new[] { "pipeline.jars", "sluice.function-assemblies" }
                .SelectMany(key => configuration.TryGetValue(key, out var list) ? list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : []));
        foreach (var path in paths)
        {
            if (!IsInside(path))
            {
                throw new SqlException(SqlErrorCode.NotSupported, statement.Span,
                    $"CREATE FUNCTION may load assemblies only from the directories this server allows ({string.Join(", ", _roots)}), not '{path}'");
            }
        }
    }

    /// <summary>Checks the <c>path</c> options of every table in <paramref name="catalog"/>.</summary>
    /// <exception cref="SluiceException">A path is outside the roots (<see cref="ErrorDomain.User"/>).</exception>
    public void Check(ICatalog catalog)
    {
        if (_roots is null)
        {
            return;
        }

        foreach (var table in catalog.ListTables(catalog.CurrentCatalog, catalog.CurrentDatabase).OfType<CatalogTable>())
        {
            if (!table.Options.TryGetValue("path", out var path))
            {
                continue;
            }

            if (!IsInside(path))
            {
                throw new SluiceException(
                    $"Table '{table.Identifier.Name}': 'path' = '{path}' is outside the directories this server lets scripts use ({string.Join(", ", _roots)}).",
                    ErrorDomain.User);
            }
        }
    }

    private bool IsInside(string path)
    {
        var full = Path.GetFullPath(path.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(path).LocalPath : path);
        return _roots!.Any(root => full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }
}
