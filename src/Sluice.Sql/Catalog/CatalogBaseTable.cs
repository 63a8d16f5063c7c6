using Sluice.Core.Schemas;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A relation stored in a catalog: a <see cref="CatalogTable"/> or a <see cref="CatalogView"/>. Immutable; catalog
/// changes replace instances.
/// </summary>
public abstract class CatalogBaseTable
{
    private protected CatalogBaseTable(ObjectIdentifier identifier, string? comment, bool isTemporary)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        Identifier = identifier;
        Comment = comment;
        IsTemporary = isTemporary;
    }

    /// <summary>The full name.</summary>
    public ObjectIdentifier Identifier { get; }

    /// <summary>The comment, if any.</summary>
    public string? Comment { get; }

    /// <summary>True for objects created with <c>CREATE TEMPORARY</c>: they live for the session only.</summary>
    public bool IsTemporary { get; }

    /// <summary>Table or view.</summary>
    public abstract CatalogObjectKind Kind { get; }

    /// <summary>The columns as a query sees them, in order.</summary>
    public abstract Schema Schema { get; }

    /// <summary>A copy with another name.</summary>
    public abstract CatalogBaseTable WithIdentifier(ObjectIdentifier identifier);
}
