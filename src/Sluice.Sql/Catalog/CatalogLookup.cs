using Sluice.Core.Errors;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Catalog;

/// <summary>Catalog lookups made for a name written in a statement.</summary>
public static class CatalogLookup
{
    /// <summary>
    /// <see cref="ICatalog.FindTable"/> for a name written at <paramref name="span"/>: a table a catalog's store cannot
    /// describe (a column of a type without a SQL type, a server that cannot be reached) is an error at the name.
    /// </summary>
    /// <exception cref="SqlException">The catalog failed to look the table up; the message is the catalog's.</exception>
    public static CatalogBaseTable? FindTableAt(this ICatalog catalog, ObjectIdentifier identifier, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        try
        {
            return catalog.FindTable(identifier);
        }
        catch (SluiceException e) when (e is not SqlException)
        {
            throw new SqlException(e.Domain == ErrorDomain.User ? SqlErrorCode.NotSupported : SqlErrorCode.ValidationError, span, e.Message, e);
        }
    }
}
