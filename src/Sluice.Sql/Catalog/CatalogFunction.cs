using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A user-defined function held by a catalog: its scope, its full name (none for a temporary system function), the
/// definition the binder calls, and how it was created (for <c>DESCRIBE FUNCTION</c>). Immutable.
/// </summary>
/// <param name="Scope">Temporary system, temporary (catalog) or catalog function.</param>
/// <param name="Identifier">The catalog, database and name; null for a temporary system function.</param>
/// <param name="Definition">The definition calls bind to.</param>
public sealed record CatalogFunction(FunctionScope Scope, ObjectIdentifier? Identifier, FunctionDefinition Definition)
{
    /// <summary>The name as created.</summary>
    public string Name => Identifier?.Name ?? Definition.Name;

    /// <summary>True for temporary and temporary system functions.</summary>
    public bool IsTemporary => Scope != FunctionScope.Catalog;

    /// <summary>The implementing class as written in <c>AS '...'</c>, or null when registered through the API.</summary>
    public string? ClassName { get; init; }

    /// <summary>The <c>LANGUAGE</c> (<c>CSHARP</c>).</summary>
    public string Language { get; init; } = "CSHARP";

    /// <summary>The <c>USING JAR</c> paths as written.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The key a function is stored under: its identifier with the name in lower case (function names are case-insensitive).</summary>
    public static ObjectIdentifier Key(ObjectIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return identifier with { Name = identifier.Name.ToLowerInvariant() };
    }
}
