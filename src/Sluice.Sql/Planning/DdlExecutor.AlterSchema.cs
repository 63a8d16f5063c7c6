using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Planning;

/// <summary>
/// <c>ALTER TABLE</c> schema changes, as Flink 1.17+: <c>ADD</c> / <c>MODIFY</c> columns (at a position with
/// <c>FIRST</c> / <c>AFTER</c>), the primary key and the watermark; <c>DROP</c> columns, <c>PRIMARY KEY</c>,
/// <c>CONSTRAINT name</c>, <c>WATERMARK</c>; <c>RENAME column TO new</c>. The new schema goes through the checks of
/// <c>CREATE TABLE</c> (computed columns re-typed, key and watermark checked); a column still used by a computed
/// column, the watermark, the primary key or the partitioning cannot be dropped or renamed.
/// </summary>
internal sealed partial class DdlExecutor
{
    private StatementResult AlterSchema(AlterTableSchemaStatement alter)
    {
        var table = AlterTarget(alter.Name, alter.IfExists, out var identifier);
        if (table is null)
        {
            return StatementResult.Ok;
        }

        var drafts = table.Columns.Select(c => ColumnDraft.FromCatalog(c, alter.Span) with { FromBase = false }).ToList();
        var verb = alter.Modify ? "MODIFY" : "ADD";
        (PrimaryKeyConstraint Constraint, IReadOnlyList<Identifier> Columns)? newKey = null;
        WatermarkDefinition? newWatermark = null;
        foreach (var component in alter.Components)
        {
            if (component.Watermark is { } watermark)
            {
                if (alter.Modify ? table.Watermark is null : table.Watermark is not null)
                {
                    throw Invalid(watermark.Span, alter.Modify
                        ? $"Table '{NameText(alter.Name)}' has no watermark to modify; use ADD"
                        : $"Table '{NameText(alter.Name)}' already has a watermark; use MODIFY to change it");
                }

                newWatermark = newWatermark is null ? watermark : throw Invalid(watermark.Span, "A table can have only one WATERMARK definition");
                continue;
            }

            if (component.PrimaryKey is { } key)
            {
                newKey = KeyChange(alter, table, newKey, key, key.Columns);
                continue;
            }

            var definition = component.Column!;
            var draft = ColumnDraft.FromDefinition(definition);
            var index = drafts.FindIndex(d => d.Name == draft.Name);
            if (!alter.Modify && index >= 0)
            {
                throw Invalid(definition.Name.Span, $"Column '{draft.Name}' already exists in table '{NameText(alter.Name)}'");
            }

            if (alter.Modify && index < 0)
            {
                throw new SqlException(SqlErrorCode.NotFound, definition.Name.Span,
                    $"Column '{draft.Name}' does not exist in table '{NameText(alter.Name)}'; use ADD to add it"
                    + NameSuggestions.DidYouMean(draft.Name, drafts.Select(d => d.Name)));
            }

            if (index >= 0)
            {
                drafts.RemoveAt(index);
            }

            var position = component.First ? 0 : component.After is { } after ? AfterPosition(drafts, after, alter.Name) : index >= 0 ? index : drafts.Count;
            drafts.Insert(position, draft);
            if (definition is PhysicalColumn { PrimaryKey: { } inline })
            {
                newKey = KeyChange(alter, table, newKey, inline, [definition.Name]);
            }
        }

        var columns = ResolveColumns(drafts);
        var primaryKey = newKey is var (constraint, keyColumns) ? CheckedPrimaryKey(constraint, keyColumns, columns) : table.PrimaryKey;
        if (newKey is null && primaryKey is not null)
        {
            foreach (var name in primaryKey.Columns)
            {
                if (columns.FirstOrDefault(c => c.Name == name) is not { Kind: ColumnKind.Physical })
                {
                    throw Invalid(alter.Span, $"Column '{name}' of the PRIMARY KEY must stay a physical column; {verb} cannot change that");
                }
            }
        }

        if (primaryKey is not null)
        {
            columns = columns.Select(c => primaryKey.Columns.Contains(c.Name) ? c.WithType(c.Type.NotNull()) : c).ToList();
        }

        var watermarkSpec = newWatermark is not null
            ? CheckedWatermark(newWatermark.Column, newWatermark.Strategy, columns)
            : table.Watermark is { } existing ? CheckedWatermark(NameAt(existing.RowTimeColumn, alter.Span), existing.Expression, columns) : null;
        foreach (var partition in table.PartitionKeys)
        {
            if (columns.FirstOrDefault(c => c.Name == partition) is not { Kind: ColumnKind.Physical })
            {
                throw Invalid(alter.Span, $"Partition column '{partition}' must stay a physical column; {verb} cannot change that");
            }
        }

        foreach (var bucketKey in table.Distribution?.BucketKeys ?? [])
        {
            if (columns.FirstOrDefault(c => c.Name == bucketKey) is not { Kind: ColumnKind.Physical })
            {
                throw Invalid(alter.Span, $"Bucket key column '{bucketKey}' must stay a physical column; {verb} cannot change that");
            }
        }

        _catalog.PutTable(new CatalogTable(identifier, columns, watermarkSpec, primaryKey, table.PartitionKeys, table.Options, table.Comment,
            table.IsTemporary, table.Distribution));
        return StatementResult.Ok;
    }

    private (PrimaryKeyConstraint, IReadOnlyList<Identifier>) KeyChange(AlterTableSchemaStatement alter, CatalogTable table,
        (PrimaryKeyConstraint, IReadOnlyList<Identifier>)? pending, PrimaryKeyConstraint key, IReadOnlyList<Identifier> columns)
    {
        if (pending is not null)
        {
            throw Invalid(key.Span, "A table can have only one PRIMARY KEY");
        }

        if (alter.Modify ? table.PrimaryKey is null : table.PrimaryKey is not null)
        {
            throw Invalid(key.Span, alter.Modify
                ? $"Table '{NameText(alter.Name)}' has no primary key to modify; use ADD"
                : $"Table '{NameText(alter.Name)}' already has a primary key ({table.PrimaryKey}); use MODIFY to change it");
        }

        return (key, columns);
    }

    private static int AfterPosition(List<ColumnDraft> drafts, Identifier after, QualifiedName table)
    {
        var index = drafts.FindIndex(d => d.Name == after.Value);
        return index >= 0
            ? index + 1
            : throw new SqlException(SqlErrorCode.NotFound, after.Span, $"Column '{after.Value}' named by AFTER does not exist in table '{NameText(table)}'"
                + NameSuggestions.DidYouMean(after.Value, drafts.Select(d => d.Name)));
    }

    private static QualifiedName NameAt(string name, SourceSpan span) => new(span, NodeList<Identifier>.From([new Identifier(span, name)]));

    private StatementResult AlterDrop(AlterTableDropStatement drop)
    {
        var table = AlterTarget(drop.Name, drop.IfExists, out var identifier);
        if (table is null)
        {
            return StatementResult.Ok;
        }

        var primaryKey = table.PrimaryKey;
        var watermark = table.Watermark;
        var columns = table.Columns.ToList();
        if (drop.PrimaryKey || drop.Constraint is not null)
        {
            if (primaryKey is null)
            {
                throw Invalid(drop.Span, $"Table '{NameText(drop.Name)}' has no primary key to drop");
            }

            if (drop.Constraint is { } constraint && constraint.Value != primaryKey.Name)
            {
                throw new SqlException(SqlErrorCode.NotFound, constraint.Span,
                    $"Table '{NameText(drop.Name)}' has no constraint '{constraint.Value}'; its primary key is named '{primaryKey.Name}'");
            }

            primaryKey = null;
        }
        else if (drop.Watermark)
        {
            watermark = watermark is null ? throw Invalid(drop.Span, $"Table '{NameText(drop.Name)}' has no watermark to drop") : null;
            columns = columns.Select(c => c.TimeAttribute == TimeAttribute.RowTime ? c with { TimeAttribute = TimeAttribute.None } : c).ToList();
        }
        else
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var column in drop.Columns)
            {
                if (!names.Add(column.Value))
                {
                    throw Invalid(column.Span, $"Column '{column.Value}' is named twice");
                }

                if (table.FindColumn(column.Value) is null)
                {
                    throw new SqlException(SqlErrorCode.NotFound, column.Span, $"Column '{column.Value}' does not exist in table '{NameText(drop.Name)}'"
                        + NameSuggestions.DidYouMean(column.Value, table.Columns.Select(c => c.Name)));
                }

                CheckUnused(table, column, names, "drop");
            }

            if (names.Count == columns.Count)
            {
                throw Invalid(drop.Span, $"Cannot drop every column of table '{NameText(drop.Name)}'");
            }

            columns.RemoveAll(c => names.Contains(c.Name));
        }

        _catalog.PutTable(new CatalogTable(identifier, columns, watermark, primaryKey, table.PartitionKeys, table.Options, table.Comment,
            table.IsTemporary, table.Distribution));
        return StatementResult.Ok;
    }

    private StatementResult AlterRenameColumn(AlterTableRenameColumnStatement rename)
    {
        var table = AlterTarget(rename.Name, rename.IfExists, out var identifier);
        if (table is null)
        {
            return StatementResult.Ok;
        }

        var old = rename.Column.Value;
        var renamed = rename.NewName.Value;
        if (table.FindColumn(old) is null)
        {
            throw new SqlException(SqlErrorCode.NotFound, rename.Column.Span, $"Column '{old}' does not exist in table '{NameText(rename.Name)}'"
                + NameSuggestions.DidYouMean(old, table.Columns.Select(c => c.Name)));
        }

        if (table.FindColumn(renamed) is not null)
        {
            throw Invalid(rename.NewName.Span, $"Column '{renamed}' already exists in table '{NameText(rename.Name)}'");
        }

        CheckUnused(table, rename.Column, new HashSet<string>(StringComparer.Ordinal) { old }, "rename", allowKeys: true);
        string Renamed(string name) => name == old ? renamed : name;
        // A metadata column without FROM reads the key of its name: it keeps reading the old one.
        var columns = table.Columns.Select(c => c.Name != old ? c
            : c is { Kind: ColumnKind.Metadata, MetadataKey: null } ? CatalogColumn.Metadata(renamed, c.Type, old, c.IsVirtual, c.Comment)
            : c.WithName(renamed));
        var primaryKey = table.PrimaryKey is { } key ? key with { Columns = key.Columns.Select(Renamed).ToList() } : null;
        var distribution = table.Distribution is { } d ? d with { BucketKeys = d.BucketKeys.Select(Renamed).ToList() } : null;
        _catalog.PutTable(new CatalogTable(identifier, columns, table.Watermark, primaryKey, table.PartitionKeys.Select(Renamed).ToList(),
            table.Options, table.Comment, table.IsTemporary, distribution));
        return StatementResult.Ok;
    }

    /// <summary>
    /// Fails when a computed column (other than one of <paramref name="names"/>), the watermark, or (unless
    /// <paramref name="allowKeys"/>) the primary key or the partitioning uses <paramref name="column"/>.
    /// </summary>
    private static void CheckUnused(CatalogTable table, Identifier column, IReadOnlySet<string> names, string action, bool allowKeys = false)
    {
        var name = column.Value;
        var only = new HashSet<string>(StringComparer.Ordinal) { name };
        foreach (var computed in table.Columns.Where(c => c.Kind == ColumnKind.Computed && !names.Contains(c.Name)))
        {
            if (FindReference(computed.Expression!, only) is not null)
            {
                throw Invalid(column.Span, $"Cannot {action} column '{name}': computed column '{computed.Name}' uses it");
            }
        }

        if (table.Watermark is { } watermark && (watermark.RowTimeColumn == name || FindReference(watermark.Expression, only) is not null))
        {
            throw Invalid(column.Span, $"Cannot {action} column '{name}': the watermark uses it; drop the watermark first");
        }

        if (!allowKeys && table.PrimaryKey is { } key && key.Columns.Contains(name))
        {
            throw Invalid(column.Span, $"Cannot {action} column '{name}': it is part of the primary key; drop the primary key first");
        }

        if (!allowKeys && table.PartitionKeys.Contains(name))
        {
            throw Invalid(column.Span, $"Cannot {action} column '{name}': the table is partitioned by it");
        }

        if (!allowKeys && table.Distribution is { } distribution && distribution.BucketKeys.Contains(name))
        {
            throw Invalid(column.Span, $"Cannot {action} column '{name}': it is a bucket key of the table's distribution; drop or modify the distribution first");
        }
    }
}
