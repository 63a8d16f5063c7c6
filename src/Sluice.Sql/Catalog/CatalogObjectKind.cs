namespace Sluice.Sql.Catalog;

/// <summary>What a <see cref="CatalogBaseTable"/> is.</summary>
public enum CatalogObjectKind
{
    /// <summary>A table backed by a connector (<see cref="CatalogTable"/>).</summary>
    Table,

    /// <summary>A stored query (<see cref="CatalogView"/>).</summary>
    View,
}
