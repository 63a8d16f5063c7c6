using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Planning;

/// <summary>
/// <c>DROP [TEMPORARY [SYSTEM]] FUNCTION</c>, <c>SHOW [USER] FUNCTIONS [FROM|IN db]</c> and <c>DESCRIBE FUNCTION</c>, with
/// Flink's scopes: temporary system functions (global), temporary and catalog functions (per database).
/// </summary>
internal sealed partial class DdlExecutor
{
    private StatementResult DropFunction(DropStatement drop)
    {
        var name = drop.Name.Last.Value;
        if (drop.IsSystem)
        {
            RequireUnqualifiedSystemFunction(drop.Name);
            var systemKey = new ObjectIdentifier(_catalog.CurrentCatalog, _catalog.CurrentDatabase, name);
            if (_catalog.RemoveFunction(FunctionScope.TemporarySystem, systemKey) || drop.IfExists)
            {
                return StatementResult.Ok;
            }

            throw BuiltInOrNotFound(drop.Name, $"Temporary system function '{name}' not found");
        }

        var identifier = Resolve(drop.Name);
        if (drop.IsTemporary)
        {
            if (_catalog.RemoveFunction(FunctionScope.Temporary, identifier) || drop.IfExists)
            {
                return StatementResult.Ok;
            }

            var hint = _catalog.FindFunction(FunctionScope.TemporarySystem, identifier) is not null && drop.Name.IsSimple
                ? $"; '{name}' is a temporary system function: drop it with DROP TEMPORARY SYSTEM FUNCTION"
                : string.Empty;
            throw new SqlException(SqlErrorCode.NotFound, drop.Name.Span, $"Temporary function '{NameText(drop.Name)}' not found{hint}");
        }

        // As Flink: a temporary function of the name hides the catalog function and has to be dropped first.
        if (_catalog.FindFunction(FunctionScope.Temporary, identifier) is not null)
        {
            throw Invalid(drop.Name.Span,
                $"A temporary function '{NameText(drop.Name)}' exists; drop it first with DROP TEMPORARY FUNCTION");
        }

        if (_catalog.RemoveFunction(FunctionScope.Catalog, identifier) || drop.IfExists)
        {
            return StatementResult.Ok;
        }

        var system = drop.Name.IsSimple && _catalog.FindFunction(FunctionScope.TemporarySystem, identifier) is not null
            ? $"; '{name}' is a temporary system function: drop it with DROP TEMPORARY SYSTEM FUNCTION"
            : string.Empty;
        throw BuiltInOrNotFound(drop.Name, $"Function '{NameText(drop.Name)}' not found{system}");
    }

    /// <summary>The error for a function that is not there: a built-in one cannot be dropped, else <paramref name="notFound"/>.</summary>
    private SqlException BuiltInOrNotFound(QualifiedName name, string notFound) =>
        name.IsSimple && _catalog.FindSystemFunction(name.Last.Value) is { IsBuiltIn: true } builtIn
            ? Invalid(name.Span, $"'{builtIn.Name}' is a built-in function and cannot be dropped")
            : new SqlException(SqlErrorCode.NotFound, name.Span, notFound);

    /// <summary>A temporary system function has no catalog or database: its name has one part.</summary>
    internal static void RequireUnqualifiedSystemFunction(QualifiedName name)
    {
        if (!name.IsSimple)
        {
            throw new SqlException(SqlErrorCode.ValidationError, name.Span,
                $"A temporary system function has no catalog or database; name it without them ('{name.Last.Value}' instead of '{NameText(name)}')");
        }
    }

    /// <summary>
    /// <c>SHOW FUNCTIONS</c>: the built-in functions and the user-defined ones; <c>SHOW USER FUNCTIONS</c>: the temporary
    /// system functions and the temporary and catalog functions of the current database, or of the database of
    /// <c>FROM|IN [catalog.]db</c>. A name is listed once.
    /// </summary>
    private StatementResult ShowFunctions(ShowStatement show, bool userOnly)
    {
        var (catalog, database) = (_catalog.CurrentCatalog, _catalog.CurrentDatabase);
        if (show.Target is { } target)
        {
            (catalog, database) = DatabaseName(target);
            RequireDatabase(catalog, database, target);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var listed = new List<string>();
        // As Flink, which normalizes the names of user functions to lower case (FunctionIdentifier.normalizeName):
        // CREATE FUNCTION MyFunc is listed as myfunc. Built-in functions keep their names.
        var user = _catalog.ListUserFunctions(catalog, database).Select(f => f.Name.ToLowerInvariant());
        var builtIns = userOnly ? [] : _catalog.ListFunctions().Where(f => f.IsBuiltIn).Select(f => f.Name);
        foreach (var name in user.Concat(builtIns))
        {
            if (names.Add(name))
            {
                listed.Add(name);
            }
        }

        return Listing("function name", listed, show);
    }

    /// <summary>
    /// <c>DESCRIBE FUNCTION [EXTENDED] name</c>, as Flink's: <c>info name</c> / <c>info value</c> rows <c>is system
    /// function</c>, <c>is temporary</c>, for a user-defined function <c>class name</c>, <c>function language</c> and
    /// <c>resource uris</c>; with <c>EXTENDED</c> also <c>kind</c>, <c>requirements</c>, <c>is deterministic</c>,
    /// <c>supports constant folding</c> and <c>signature</c>.
    /// </summary>
    private StatementResult DescribeFunction(DescribeFunctionStatement describe)
    {
        var parts = describe.Name.Parts.Select(p => p.Value).ToArray();
        var definition = FunctionResolution.Resolve(_catalog, parts)
            ?? throw new SqlException(SqlErrorCode.NotFound, describe.Name.Span,
                $"Function '{NameText(describe.Name)}' not found"
                + (describe.Name.IsSimple ? NameSuggestions.DidYouMean(parts[0], _catalog.ListFunctions().Select(f => f.Name)) : string.Empty));
        var entry = UserFunctionOf(definition, describe.Name);
        var rows = new List<IReadOnlyList<object?>>
        {
            // As Flink's DescribeFunctionOperation: a system function is one without a catalog function behind it, i.e. a
            // built-in; a temporary system function created by CREATE TEMPORARY SYSTEM FUNCTION has one (its class).
            Info("is system function", entry is null),
            Info("is temporary", entry?.IsTemporary ?? false),
        };
        if (entry is not null)
        {
            rows.Add(Info("class name", entry.ClassName ?? definition.Implementation?.FunctionType.FullName ?? string.Empty));
            rows.Add(Info("function language", entry.Language));
            rows.Add(Info("resource uris", "[" + string.Join(", ", entry.Resources.Select(r => $"ResourceUri{{resourceType=JAR, uri='{r}'}}")) + "]"));
        }

        if (describe.IsExtended)
        {
            rows.Add(Info("kind", definition.Kind switch
            {
                FunctionKind.Scalar => "SCALAR",
                FunctionKind.Aggregate => "AGGREGATE",
                FunctionKind.Table => "TABLE",
                FunctionKind.ProcessTable => "PROCESS_TABLE",
                _ => "OTHER",
            }));
            rows.Add(Info("requirements", "[]"));
            rows.Add(Info("is deterministic", definition.IsDeterministic));
            rows.Add(Info("supports constant folding", definition.IsDeterministic && definition.Implementation is null));
            rows.Add(Info("signature", string.Join("\n", definition.Signatures.Select(definition.FormatSignature))));
        }

        return StatementResult.Of(["info name", "info value"], rows);

        static IReadOnlyList<object?> Info(string name, object value) =>
            [name, value is bool flag ? (flag ? "true" : "false") : value];
    }

    /// <summary>The user-defined function <paramref name="definition"/> came from (resolved by <paramref name="name"/>), or null for a built-in.</summary>
    private CatalogFunction? UserFunctionOf(FunctionDefinition definition, QualifiedName name)
    {
        if (definition.IsBuiltIn)
        {
            return null;
        }

        var identifier = Resolve(name);
        if (name.IsSimple && _catalog.FindFunction(FunctionScope.TemporarySystem, identifier) is { } system && ReferenceEquals(system.Definition, definition))
        {
            return system;
        }

        return _catalog.FindCatalogFunction(identifier) is { } function && ReferenceEquals(function.Definition, definition) ? function : null;
    }
}
