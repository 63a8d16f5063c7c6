using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// Catalogs of other systems (<c>CREATE CATALOG c WITH ('type' = 'jdbc', ...)</c>): opened through the catalog's
/// <see cref="ICatalogStoreProvider"/>, and read-only, as Flink's JDBC catalog: a statement that would create, change or
/// drop a table, view, database or catalog function in one is an error at the object's name. Temporary tables, views and
/// functions are the session's own and may live in such a catalog, as in Flink.
/// </summary>
internal sealed partial class DdlExecutor
{
    private StatementResult CreateExternalCatalog(CreateCatalogStatement create, string type, IReadOnlyDictionary<string, string> options)
    {
        var provider = _catalog.StoreProvider!;
        ICatalogStore store;
        try
        {
            store = provider.Open(create.Name.Value, type, options);
        }
        catch (CatalogOptionException e)
        {
            var at = e.OptionKey is { } key && create.Options.FirstOrDefault(p => p.Key == key) is { } property ? property.Span : create.Span;
            throw Invalid(at, e.Message);
        }

        _catalog.PutCatalog(new CatalogInfo(create.Name.Value, store.DefaultDatabase, create.Comment, options), store);
        return StatementResult.Ok;
    }

    /// <summary>The catalog types <c>CREATE CATALOG</c> takes, for messages.</summary>
    private string CatalogTypeList() =>
        string.Join(", ", new[] { InMemoryCatalogType }.Concat(_catalog.StoreProvider?.Types ?? []).Select(t => $"'{t}'"));

    /// <summary>Refuses a statement that would write into a read-only catalog of another system.</summary>
    private void RequireWritable(SqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement { IsTemporary: false } create:
                RequireWritableTable(create.Name, "CREATE TABLE", creating: true);
                break;
            case CreateViewStatement { IsTemporary: false } create:
                RequireWritableTable(create.Name, "CREATE VIEW", creating: true);
                break;
            case DropStatement { Kind: DropObjectKind.Table or DropObjectKind.View, IsTemporary: false } drop:
                RequireWritableTable(drop.Name, $"DROP {drop.Kind.ToString().ToUpperInvariant()}", creating: false);
                break;
            case DropStatement { Kind: DropObjectKind.Database } drop:
                RequireWritableCatalog(DatabaseName(drop.Name).Catalog, drop.Name, "DROP DATABASE");
                break;
            case DropStatement { Kind: DropObjectKind.Function, IsTemporary: false } drop:
                RequireWritableCatalog(Resolve(drop.Name).Catalog, drop.Name, "DROP FUNCTION");
                break;
            case CreateDatabaseStatement create:
                RequireWritableCatalog(DatabaseName(create.Name).Catalog, create.Name, "CREATE DATABASE");
                break;
            case AlterDatabaseStatement alter:
                RequireWritableCatalog(DatabaseName(alter.Name).Catalog, alter.Name, "ALTER DATABASE");
                break;
            case CreateFunctionStatement { IsTemporary: false } create:
                RequireWritableCatalog(Resolve(create.Name).Catalog, create.Name, "CREATE FUNCTION");
                break;
            case AlterFunctionStatement { IsTemporary: false } alter:
                RequireWritableCatalog(Resolve(alter.Name).Catalog, alter.Name, "ALTER FUNCTION");
                break;
            case AlterTableRenameStatement rename:
                RequireWritableTable(rename.Name, "ALTER TABLE", creating: false);
                RequireWritableTable(rename.NewName, "ALTER TABLE ... RENAME TO", creating: true);
                break;
            case AlterTableSetStatement alter:
                RequireWritableTable(alter.Name, "ALTER TABLE", creating: false);
                break;
            case AlterTableResetStatement alter:
                RequireWritableTable(alter.Name, "ALTER TABLE", creating: false);
                break;
            case AlterTableSchemaStatement alter:
                RequireWritableTable(alter.Name, "ALTER TABLE", creating: false);
                break;
            case AlterTableDropStatement alter:
                RequireWritableTable(alter.Name, "ALTER TABLE", creating: false);
                break;
            case AlterTableRenameColumnStatement alter:
                RequireWritableTable(alter.Name, "ALTER TABLE", creating: false);
                break;
            case AlterTableDistributionStatement alter:
                RequireWritableTable(alter.Name, "ALTER TABLE", creating: false);
                break;
        }
    }

    /// <summary>
    /// Refuses <paramref name="statement"/> on table <paramref name="name"/> when its catalog is read-only, unless the name
    /// means one of the session's temporary tables or views (which the statement may change or drop).
    /// </summary>
    private void RequireWritableTable(QualifiedName name, string statement, bool creating)
    {
        var identifier = Resolve(name);
        if (_catalog.FindStore(identifier.Catalog) is not { } store)
        {
            return;
        }

        if (!creating && _catalog.FindTableAt(identifier, name.Span) is { IsTemporary: true })
        {
            return;
        }

        throw ReadOnly(identifier.Catalog, store, name, statement, creating ? " (a TEMPORARY table or view may be created in it)" : "");
    }

    private void RequireWritableCatalog(string catalog, QualifiedName name, string statement)
    {
        if (_catalog.FindStore(catalog) is { } store)
        {
            throw ReadOnly(catalog, store, name, statement, "");
        }
    }

    private static SqlException ReadOnly(string catalog, ICatalogStore store, QualifiedName name, string statement, string hint) =>
        NotSupported(name.Span, $"Catalog '{catalog}' is a '{store.Type}' catalog, which is read-only: {statement} is not supported in it{hint}");
}
