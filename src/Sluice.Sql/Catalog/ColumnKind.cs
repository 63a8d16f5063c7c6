namespace Sluice.Sql.Catalog;

/// <summary>The kind of a <see cref="CatalogColumn"/>, as in Flink's <c>Column</c> hierarchy.</summary>
public enum ColumnKind
{
    /// <summary>A column read from and written to the external system.</summary>
    Physical,

    /// <summary>A column computed from other columns by an expression (<c>name AS expression</c>).</summary>
    Computed,

    /// <summary>A column backed by connector metadata (<c>name type METADATA [FROM 'key'] [VIRTUAL]</c>).</summary>
    Metadata,
}
