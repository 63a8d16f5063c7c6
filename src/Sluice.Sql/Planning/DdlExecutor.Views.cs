using Sluice.Core.Schemas;
using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary><c>CREATE [TEMPORARY] VIEW</c>: the query is bound now (to validate it and record its schema) and stored as a tree.</summary>
internal sealed partial class DdlExecutor
{
    private StatementResult CreateView(CreateViewStatement create)
    {
        var identifier = Resolve(create.Name);
        RequireDatabaseOf(identifier, create.Name);
        if (_catalog.FindTableAt(identifier, create.Name.Span) is { } existing)
        {
            if (create.IfNotExists)
            {
                return StatementResult.Ok;
            }

            throw new SqlException(SqlErrorCode.AlreadyExists, create.Name.Span,
                $"{(existing.Kind == CatalogObjectKind.View ? "View" : "Table")} '{NameText(create.Name)}' already exists");
        }

        var plan = new Binder(_catalog).BindQuery(create.Query);
        var names = plan.Schema.Names;
        if (create.Columns.Count > 0)
        {
            if (create.Columns.Count != plan.Schema.Count)
            {
                throw Invalid(create.Name.Span,
                    $"The view '{NameText(create.Name)}' lists {create.Columns.Count} column names, but its query returns {plan.Schema.Count} columns");
            }

            var duplicate = create.Columns.GroupBy(c => c.Value).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Invalid(duplicate.Skip(1).First().Span, $"Duplicate column name '{duplicate.Key}' in the view's column list");
            }

            names = create.Columns.Select(c => c.Value).ToArray();
        }

        var rowTime = Enumerable.Range(0, plan.Schema.Count).FirstOrDefault(i => plan.Schema[i].TimeAttribute == TimeAttribute.RowTime, -1);
        var schema = new Schema(plan.Schema.Select((c, i) => new Field(names[i], c.Type)), rowTime);
        _catalog.PutTable(new CatalogView(identifier, create.Query, names, schema, create.Comment, create.IsTemporary)
        {
            ResolutionCatalog = _catalog.CurrentCatalog,
            ResolutionDatabase = _catalog.CurrentDatabase,
        });
        return StatementResult.Ok;
    }
}
