using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Planning;

/// <summary>
/// <c>CREATE TABLE</c>: columns (computed columns typed by binding their expressions over the physical and metadata
/// columns), the watermark (a <c>TIMESTAMP(p)</c> or <c>TIMESTAMP_LTZ(p)</c> column with p at most 3, and an
/// expression of such a type), the primary key (<c>NOT ENFORCED</c>, physical columns, which become <c>NOT NULL</c>),
/// partition keys and options.
/// </summary>
internal sealed partial class DdlExecutor
{
    private const int MaxRowTimePrecision = 3;

    private StatementResult CreateTable(CreateTableStatement create)
    {
        var identifier = Resolve(create.Name);
        RequireDatabaseOf(identifier, create.Name);
        var existing = _catalog.FindTableAt(identifier, create.Name.Span);
        if (existing is not null)
        {
            if (create.IfNotExists)
            {
                return StatementResult.Ok;
            }

            if (!create.OrReplace)
            {
                throw new SqlException(SqlErrorCode.AlreadyExists, create.Name.Span, $"Table '{NameText(create.Name)}' already exists");
            }
        }

        if (create.AsQuery is not null)
        {
            return CreateTableAsSelect(create, identifier);
        }

        var like = create.Like is null ? null : new LikeMerge(LikeSource(create.Like), create.Like);
        var drafts = like?.InheritedColumns() ?? [];
        foreach (var definition in create.Columns)
        {
            var draft = ColumnDraft.FromDefinition(definition);
            var index = drafts.FindIndex(d => d.Name == draft.Name);
            if (index < 0)
            {
                drafts.Add(draft);
            }
            else if (drafts[index].FromBase && like!.MayOverwrite(drafts[index], draft))
            {
                drafts[index] = draft;
            }
            else
            {
                throw drafts[index].FromBase
                    ? like!.ColumnConflict(drafts[index], draft)
                    : Invalid(draft.Span, $"Duplicate column name '{draft.Name}'");
            }
        }

        var columns = ResolveColumns(drafts);
        var primaryKey = ResolvePrimaryKey(create, like, columns);
        if (primaryKey is not null)
        {
            columns = columns.Select(c => primaryKey.Columns.Contains(c.Name) ? c.WithType(c.Type.NotNull()) : c).ToList();
        }

        var watermark = ResolveWatermark(create, like, columns);
        var distribution = create.Distribution is { } declared
            ? CheckedDistribution(declared, columns, like)
            : like?.InheritedDistribution();
        var partitions = ResolvePartitions(create, like, columns);
        var options = like?.MergeOptions(create.Options) ?? CheckedOptions(create.Options);
        var table = new CatalogTable(identifier, columns, watermark, primaryKey, partitions, options, create.Comment, create.IsTemporary,
            distribution);
        _catalog.PutTable(table);
        return StatementResult.Ok;
    }

    /// <summary>
    /// CTAS, as Flink: the table's columns are the <c>CREATE</c> part's columns that the query does not produce (in
    /// their order), then the query's columns (a type declared for one of them in the <c>CREATE</c> part replaces the
    /// query's); or, when the <c>CREATE</c> part only names columns, the query's columns in that order. A watermark and
    /// a primary key may be declared. The session then inserts the query by column name.
    /// </summary>
    private StatementResult CreateTableAsSelect(CreateTableStatement create, ObjectIdentifier identifier)
    {
        if (create.Like is not null)
        {
            throw NotSupported(create.Like.Span, "CREATE TABLE ... AS SELECT with LIKE is not supported (Flink does not allow it either)");
        }

        var plan = Planner.Bind(new QueryStatement(create.AsQuery!.Span, create.AsQuery), _catalog);
        var queryColumns = plan.Schema.Select(c => ColumnDraft.FromCatalog(CatalogColumn.Physical(c.Name, c.Type), create.AsQuery.Span) with { FromBase = false })
            .ToList();
        List<ColumnDraft> drafts;
        var untyped = create.Columns.OfType<UntypedColumn>().ToList();
        if (untyped.Count > 0)
        {
            if (untyped.Count != create.Columns.Count || create.Watermarks.Count > 0 || create.PrimaryKey is not null)
            {
                throw Invalid(untyped[0].Span,
                    "CREATE TABLE ... AS SELECT either lists every column of the query by name only (to reorder them) or defines columns with types, not both");
            }

            if (untyped.Count != queryColumns.Count)
            {
                throw Invalid(untyped[0].Span,
                    $"The column list names {untyped.Count} columns, but the query returns {queryColumns.Count} ({string.Join(", ", queryColumns.Select(c => c.Name))})");
            }

            drafts = [];
            foreach (var column in untyped)
            {
                var match = queryColumns.FirstOrDefault(c => c.Name == column.Name.Value)
                    ?? throw new SqlException(SqlErrorCode.NotFound, column.Name.Span, $"Column '{column.Name.Value}' is not a column of the query");
                if (drafts.Contains(match))
                {
                    throw Invalid(column.Name.Span, $"Duplicate column name '{column.Name.Value}'");
                }

                drafts.Add(match);
            }
        }
        else
        {
            var declared = create.Columns.Select(ColumnDraft.FromDefinition).ToList();
            var duplicate = declared.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Invalid(duplicate.Last().Span, $"Duplicate column name '{duplicate.Key}'");
            }

            drafts = [.. declared.Where(d => queryColumns.All(q => q.Name != d.Name))];
            foreach (var column in queryColumns)
            {
                var own = declared.FirstOrDefault(d => d.Name == column.Name);
                if (own is not null && own.Kind != ColumnKind.Physical)
                {
                    throw Invalid(own.Span, $"Column '{own.Name}' is a column of the query; the CREATE part may only declare its type");
                }

                drafts.Add(own ?? column);
            }
        }

        var columns = ResolveColumns(drafts);
        var primaryKey = ResolvePrimaryKey(create, null, columns);
        if (primaryKey is not null)
        {
            columns = columns.Select(c => primaryKey.Columns.Contains(c.Name) ? c.WithType(c.Type.NotNull()) : c).ToList();
        }

        var watermark = ResolveWatermark(create, null, columns);
        var partitions = create.PartitionedBy.Select(p => p.Value);
        var distribution = create.Distribution is { } declaredDistribution ? CheckedDistribution(declaredDistribution, columns, null) : null;
        _catalog.PutTable(new CatalogTable(identifier, columns, watermark, primaryKey, partitions, CheckedOptions(create.Options), create.Comment,
            create.IsTemporary, distribution));
        return StatementResult.Ok;
    }

    /// <summary>The catalog columns: declared types, and computed columns typed over the physical and metadata columns.</summary>
    private List<CatalogColumn> ResolveColumns(List<ColumnDraft> drafts)
    {
        var stored = drafts.Where(d => d.Kind != ColumnKind.Computed).ToList();
        var row = new PlanSchema(stored.Select(d => new PlanColumn(d.Name, d.Type!)));
        var computedNames = drafts.Where(d => d.Kind == ColumnKind.Computed).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var binder = new Binder(_catalog);
        var columns = new List<CatalogColumn>();
        foreach (var draft in drafts)
        {
            switch (draft.Kind)
            {
                case ColumnKind.Physical:
                    columns.Add(CatalogColumn.Physical(draft.Name, draft.Type!, draft.Comment));
                    break;
                case ColumnKind.Metadata:
                    columns.Add(CatalogColumn.Metadata(draft.Name, draft.Type!, draft.MetadataKey, draft.IsVirtual, draft.Comment));
                    break;
                default:
                {
                    var reference = FindReference(draft.Expression!, computedNames);
                    if (reference is not null)
                    {
                        throw Invalid(reference.Span,
                            $"Computed column '{draft.Name}' cannot reference computed column '{reference.Name.Last.Value}': computed columns may only use physical and metadata columns");
                    }

                    var bound = binder.BindScalar(draft.Expression!, row, Clause.ComputedColumn);
                    var column = CatalogColumn.Computed(draft.Name, bound.Type, draft.Expression!, draft.Comment);
                    if (bound is BoundCall call && ReferenceEquals(call.Function, BuiltInFunctions.ProcTime))
                    {
                        column = column with { TimeAttribute = TimeAttribute.ProcTime };
                    }

                    columns.Add(column);
                    break;
                }
            }
        }

        return columns;
    }

    private static IdentifierExpression? FindReference(SqlExpression expression, IReadOnlySet<string> names)
    {
        IdentifierExpression? found = null;
        SyntaxWalker.Any(expression, e =>
        {
            if (e is IdentifierExpression { Name.IsSimple: true } identifier && names.Contains(identifier.Name.Last.Value))
            {
                found = identifier;
                return true;
            }

            return false;
        });
        return found;
    }

    private static PrimaryKey? ResolvePrimaryKey(CreateTableStatement create, LikeMerge? like, List<CatalogColumn> columns)
    {
        var declared = create.Columns.OfType<PhysicalColumn>().Where(c => c.PrimaryKey is not null)
            .Select(c => (Constraint: c.PrimaryKey!, Columns: (IReadOnlyList<Identifier>)[c.Name]))
            .ToList();
        if (create.PrimaryKey is not null)
        {
            declared.Add((create.PrimaryKey, create.PrimaryKey.Columns));
        }

        if (declared.Count > 1)
        {
            throw Invalid(declared[1].Constraint.Span, "A table can have only one PRIMARY KEY");
        }

        if (declared.Count == 0)
        {
            return like?.InheritedPrimaryKey();
        }

        var (constraint, keyColumns) = declared[0];
        like?.CheckNoPrimaryKey(constraint);
        return CheckedPrimaryKey(constraint, keyColumns, columns);
    }

    /// <summary>A declared primary key, checked against the table's columns.</summary>
    private static PrimaryKey CheckedPrimaryKey(PrimaryKeyConstraint constraint, IReadOnlyList<Identifier> keyColumns, List<CatalogColumn> columns)
    {
        if (constraint.IsEnforced)
        {
            throw NotSupported(constraint.Span,
                "Flink SQL only supports NOT ENFORCED primary keys (Flink does not own the data, so it cannot enforce them); add NOT ENFORCED");
        }

        var names = new List<string>();
        foreach (var key in keyColumns)
        {
            var column = columns.FirstOrDefault(c => c.Name == key.Value)
                ?? throw new SqlException(SqlErrorCode.NotFound, key.Span, $"Column '{key.Value}' of the PRIMARY KEY is not defined in the table");
            if (column.Kind != ColumnKind.Physical)
            {
                throw Invalid(key.Span, $"Column '{key.Value}' cannot be part of the PRIMARY KEY: it is a {column.Kind.ToString().ToLowerInvariant()} column");
            }

            if (names.Contains(key.Value))
            {
                throw Invalid(key.Span, $"Column '{key.Value}' appears twice in the PRIMARY KEY");
            }

            names.Add(key.Value);
        }

        return new PrimaryKey(constraint.ConstraintName?.Value ?? "PK_" + string.Join("_", names), names);
    }

    private WatermarkSpec? ResolveWatermark(CreateTableStatement create, LikeMerge? like, List<CatalogColumn> columns)
    {
        if (create.Watermarks.Count > 1)
        {
            throw NotSupported(create.Watermarks[1].Span, "a table can have only one WATERMARK definition");
        }

        var declared = create.Watermarks.Count == 1 ? create.Watermarks[0] : null;
        var merged = like is not null ? like.MergeWatermark(declared) : declared is null ? null : (declared.Column, declared.Strategy);
        if (merged is not var (column, expression))
        {
            return null;
        }

        return CheckedWatermark(column, expression, columns);
    }

    /// <summary>A watermark definition, checked against the table's columns: its rowtime column and expression types.</summary>
    private WatermarkSpec CheckedWatermark(QualifiedName column, SqlExpression expression, List<CatalogColumn> columns)
    {
        if (!column.IsSimple)
        {
            throw NotSupported(column.Span, "a watermark on a nested field is not supported yet");
        }

        var rowTime = columns.FirstOrDefault(c => c.Name == column.Last.Value)
            ?? throw new SqlException(SqlErrorCode.NotFound, column.Span, $"The rowtime column '{column.Last.Value}' of the WATERMARK is not defined in the table"
                + NameSuggestions.DidYouMean(column.Last.Value, columns.Select(c => c.Name)));
        if (!IsRowTimeType(rowTime.Type))
        {
            throw new SqlException(SqlErrorCode.TypeMismatch, column.Span,
                $"Invalid type of the rowtime column '{rowTime.Name}': it must be TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p from 0 to {MaxRowTimePrecision}, not {rowTime.Type}");
        }

        var row = new PlanSchema(columns.Select(c => new PlanColumn(c.Name, c.Type)));
        var bound = new Binder(_catalog).BindScalar(expression, row, Clause.Watermark);
        if (!IsRowTimeType(bound.Type))
        {
            throw new SqlException(SqlErrorCode.TypeMismatch, expression.Span,
                $"Invalid type of the WATERMARK expression: it must be TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p from 0 to {MaxRowTimePrecision}, not {bound.Type}");
        }

        return new WatermarkSpec(rowTime.Name, expression, bound.Type);
    }

    private static bool IsRowTimeType(DataType type) => TypeRules.IsTimestamp(type) && type.Precision <= MaxRowTimePrecision;

    /// <summary>
    /// A declared distribution, checked as Flink resolves a table: every bucket key is a physical column, the bucket
    /// count is at least 1; with <c>LIKE</c>, the source's distribution must not be included too.
    /// </summary>
    private static TableDistribution CheckedDistribution(DistributionClause declared, List<CatalogColumn> columns, LikeMerge? like)
    {
        like?.CheckNoDistribution(declared);
        var physical = columns.Where(c => c.Kind == ColumnKind.Physical).Select(c => c.Name).ToList();
        foreach (var key in declared.Columns)
        {
            if (!physical.Contains(key.Value))
            {
                throw Invalid(key.Span,
                    $"Invalid bucket key '{key.Value}'. A bucket key for a distribution must reference a physical column in the schema. "
                    + $"Available columns are: [{string.Join(", ", physical)}]");
            }
        }

        int? count = null;
        if (declared.BucketCount is { } literal)
        {
            if (!int.TryParse(literal.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                || value < 1)
            {
                throw Invalid(literal.Span,
                    $"Invalid bucket count '{literal.Text}'. The number of buckets for a distributed table must be at least 1.");
            }

            count = value;
        }

        return new TableDistribution(declared.Kind, declared.Columns.Select(c => c.Value).ToList(), count);
    }

    private static IReadOnlyList<string> ResolvePartitions(CreateTableStatement create, LikeMerge? like, List<CatalogColumn> columns)
    {
        if (create.PartitionedBy.Count == 0)
        {
            return like?.InheritedPartitions() ?? [];
        }

        like?.CheckNoPartitions(create.PartitionedBy[0]);
        var names = new List<string>();
        foreach (var key in create.PartitionedBy)
        {
            var column = columns.FirstOrDefault(c => c.Name == key.Value)
                ?? throw new SqlException(SqlErrorCode.NotFound, key.Span, $"Partition column '{key.Value}' is not defined in the table");
            if (column.Kind != ColumnKind.Physical)
            {
                throw Invalid(key.Span, $"Partition column '{key.Value}' must be a physical column, not a {column.Kind.ToString().ToLowerInvariant()} column");
            }

            if (names.Contains(key.Value))
            {
                throw Invalid(key.Span, $"Partition column '{key.Value}' appears twice");
            }

            names.Add(key.Value);
        }

        return names;
    }

    private CatalogTable LikeSource(LikeClause like)
    {
        var identifier = Resolve(like.Source);
        return _catalog.FindTableAt(identifier, like.Source.Span) switch
        {
            CatalogTable table => table,
            CatalogView => throw Invalid(like.Source.Span, $"The LIKE source '{NameText(like.Source)}' is a view; LIKE needs a table"),
            _ => throw TableNotFound(like.Source, identifier, "Source table"),
        };
    }
}
