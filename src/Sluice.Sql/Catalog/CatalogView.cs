using Sluice.Core.Schemas;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A view: a stored query (its syntax tree) and the schema it was bound to when the view was created. Queries
/// that read the view bind the stored tree again, so the view follows later changes of the tables it reads; its
/// one- and two-part names resolve in the catalog and database that were current when it was created (as Flink
/// stores a view's query with its names expanded), whatever is current when it is read. Immutable.
/// </summary>
public sealed class CatalogView : CatalogBaseTable
{
    /// <summary>Creates a view.</summary>
    /// <param name="identifier">The full name.</param>
    /// <param name="query">The stored query.</param>
    /// <param name="columnNames">The view's column names (from the column list of <c>CREATE VIEW</c>, or the query's own names).</param>
    /// <param name="schema">The schema of the bound query, with <paramref name="columnNames"/> as names.</param>
    /// <param name="comment">The comment, if any.</param>
    /// <param name="isTemporary">True for <c>CREATE TEMPORARY VIEW</c>.</param>
    public CatalogView(ObjectIdentifier identifier, SqlQuery query, IReadOnlyList<string> columnNames, Schema schema,
        string? comment, bool isTemporary)
        : base(identifier, comment, isTemporary)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(schema);
        if (columnNames.Count != schema.Count)
        {
            throw new ArgumentException("The view needs one column name per schema column.", nameof(columnNames));
        }

        Query = query;
        ColumnNames = columnNames.ToArray();
        Schema = schema;
    }

    /// <summary>The stored query.</summary>
    public SqlQuery Query { get; }

    /// <summary>
    /// The catalog that the query's one- and two-part names resolve in: the current one when the view was created
    /// (default: the view's own catalog).
    /// </summary>
    public string ResolutionCatalog
    {
        get => field ?? Identifier.Catalog;
        init;
    }

    /// <summary>
    /// The database that the query's one-part names resolve in: the current one when the view was created (default:
    /// the view's own database).
    /// </summary>
    public string ResolutionDatabase
    {
        get => field ?? Identifier.Database;
        init;
    }

    /// <summary>The canonical text of the stored query.</summary>
    public string QueryText => SqlFormatter.Format(Query);

    /// <summary>The column names of the view.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <inheritdoc />
    public override CatalogObjectKind Kind => CatalogObjectKind.View;

    /// <inheritdoc />
    public override Schema Schema { get; }

    /// <inheritdoc />
    public override CatalogBaseTable WithIdentifier(ObjectIdentifier identifier) =>
        new CatalogView(identifier, Query, ColumnNames, Schema, Comment, IsTemporary)
        {
            ResolutionCatalog = ResolutionCatalog,
            ResolutionDatabase = ResolutionDatabase,
        };
}
