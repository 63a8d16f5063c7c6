using System.Text;
using Sluice.Core.Schemas;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Catalog;

/// <summary>
/// The full name of a table, view or function: catalog, database and object name, as in Flink's
/// <c>ObjectIdentifier</c>. Names are case-sensitive. Immutable and compares by value.
/// </summary>
/// <param name="Catalog">The catalog name, for example <c>default_catalog</c>.</param>
/// <param name="Database">The database name, for example <c>default_database</c>.</param>
/// <param name="Name">The object name.</param>
public sealed record ObjectIdentifier(string Catalog, string Database, string Name)
{
    /// <summary>
    /// The identifier of a one-, two- or three-part name: missing leading parts are taken from
    /// <paramref name="catalog"/>'s current catalog and database.
    /// </summary>
    /// <exception cref="SqlException">The name has more than three parts.</exception>
    public static ObjectIdentifier Resolve(ICatalog catalog, IReadOnlyList<string> parts, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Count switch
        {
            1 => new ObjectIdentifier(catalog.CurrentCatalog, catalog.CurrentDatabase, parts[0]),
            2 => new ObjectIdentifier(catalog.CurrentCatalog, parts[0], parts[1]),
            3 => new ObjectIdentifier(parts[0], parts[1], parts[2]),
            _ => throw new SqlException(SqlErrorCode.ValidationError, span,
                $"'{string.Join('.', parts)}' has {parts.Count} parts; an object name has at most three (catalog.database.name)"),
        };
    }

    /// <summary>The three parts, each backtick-quoted, joined by dots: <c>`cat`.`db`.`name`</c>.</summary>
    public string ToQuotedString()
    {
        var builder = new StringBuilder();
        Field.AppendQuotedName(builder, Catalog);
        builder.Append('.');
        Field.AppendQuotedName(builder, Database);
        builder.Append('.');
        Field.AppendQuotedName(builder, Name);
        return builder.ToString();
    }

    /// <summary>The three parts joined by dots: <c>catalog.database.name</c>.</summary>
    public override string ToString() => $"{Catalog}.{Database}.{Name}";
}
