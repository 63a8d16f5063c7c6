using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>INSERT INTO table [PARTITION (...)] [(columns)] query</c>: the query's columns are matched to the target's
/// writable columns by position, converted implicitly where Flink allows it, and the columns the statement does not
/// name are written as <c>NULL</c> (an error for <c>NOT NULL</c> columns).
/// </summary>
/// <remarks>
/// A character (or binary) string written into a <c>CHAR</c>/<c>VARCHAR</c> (or <c>BINARY</c>/<c>VARBINARY</c>)
/// column keeps its own length here: as in Flink, the sink decides whether lengths are enforced
/// (<c>table.exec.sink.type-length-enforcer</c>: <c>IGNORE</c> by default, <c>TRIM_PAD</c> truncates and pads), so
/// <c>DATE_FORMAT(...)</c> written into a <c>VARCHAR</c> (which is <c>VARCHAR(1)</c>) column is not cut to one character.
/// </remarks>
internal sealed partial class Binder
{
    private LogicalPlan BindInsert(InsertStatement insert)
    {
        var target = WithTableHints(ResolveTargetTable(insert.Target), insert.Hints);
        var name = NameText(insert.Target);
        var staticValues = new Dictionary<string, BoundExpression>(StringComparer.Ordinal);
        foreach (var partition in insert.Partition)
        {
            var column = WritableColumn(target, partition.Column, name);
            if (!target.PartitionKeys.Contains(column.Name))
            {
                throw Invalid(partition.Column.Span, $"Column '{column.Name}' is not a partition column of table '{name}'");
            }

            var value = BindExpression(partition.Value, new ExpressionContext(Scope.Empty, Clause.Values));
            if (!TypeRules.CanCastImplicitly(value.Type, column.Type))
            {
                throw TypeError(partition.Value.Span, $"The partition value for '{column.Name}' is {value.Type}, but the column is {column.Type}");
            }

            staticValues[column.Name] = CoerceToSink(value, column.Type);
        }

        List<CatalogColumn> targets;
        if (insert.Columns.Count > 0)
        {
            targets = [];
            foreach (var identifier in insert.Columns)
            {
                var column = WritableColumn(target, identifier, name);
                if (targets.Contains(column) || staticValues.ContainsKey(column.Name))
                {
                    throw Invalid(identifier.Span, $"Column '{column.Name}' is given more than once");
                }

                targets.Add(column);
            }
        }
        else
        {
            targets = target.PersistedColumns.Where(c => !staticValues.ContainsKey(c.Name)).ToList();
        }

        var query = BindQuery(insert.Query, null);
        if (query.Schema.Count != targets.Count)
        {
            throw Invalid(insert.Query.Span,
                $"Column count mismatch: the query returns {query.Schema.Count} columns, but table '{name}' expects {targets.Count} " +
                $"({string.Join(", ", targets.Select(c => c.Name))})");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            var produced = query.Schema[i].Type;
            if (!TypeRules.CanCastImplicitly(produced, targets[i].Type))
            {
                throw TypeError(ItemSpan(insert.Query, i),
                    $"Incompatible types for sink column '{targets[i].Name}' (position {i + 1}) of table '{name}': the query produces {produced}, the column is {targets[i].Type}");
            }
        }

        var expressions = new List<BoundExpression>();
        foreach (var column in target.PersistedColumns)
        {
            var position = targets.IndexOf(column);
            if (position >= 0)
            {
                var source = query.Schema[position];
                expressions.Add(CoerceToSink(new BoundInputRef(position, source.Name, source.Type), column.Type));
            }
            else if (staticValues.TryGetValue(column.Name, out var value))
            {
                expressions.Add(value);
            }
            else if (column.Type.IsNullable)
            {
                expressions.Add(BoundLiteral.Null(column.Type));
            }
            else
            {
                throw Invalid(insert.Target.Span, $"Column '{column.Name}' of table '{name}' is NOT NULL, and the INSERT gives it no value");
            }
        }

        var names = target.PersistedColumns.Select(c => c.Name).ToArray();
        var project = new Project(query, expressions, names);
        var staticPartitions = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (column, value) in staticValues)
        {
            if (Planning.Rules.ConstantFolder.Fold(value) is BoundLiteral literal)
            {
                staticPartitions[column] = literal.Value;
            }
        }

        return new Sink(project, target, names.ToNodeList(), insert.IsOverwrite, staticPartitions) { TargetSpan = insert.Target.Span };
    }

    /// <summary>
    /// The value written into a sink column of type <paramref name="target"/>: converted exactly, except that a string
    /// of the target's family (character or binary) that a conversion could cut or pad keeps its own type: the physical
    /// sink enforces the length or not. A conversion that keeps every value (into a <c>VARCHAR</c>/<c>VARBINARY</c> at
    /// least as long) is still made, so such a column has the table's type.
    /// </summary>
    private static BoundExpression CoerceToSink(BoundExpression value, Core.Types.DataType target)
    {
        static bool Characters(Core.Types.TypeId id) => id is Core.Types.TypeId.Char or Core.Types.TypeId.VarChar;
        static bool Bytes(Core.Types.TypeId id) => id is Core.Types.TypeId.Binary or Core.Types.TypeId.VarBinary;
        var source = value.Type;
        var sameFamily = (Characters(source.TypeId) && Characters(target.TypeId)) || (Bytes(source.TypeId) && Bytes(target.TypeId));
        var lossless = target.TypeId is Core.Types.TypeId.VarChar or Core.Types.TypeId.VarBinary && target.Length >= source.Length;
        return sameFamily && !lossless && value is not BoundLiteral { IsNull: true } ? value : Coerce(value, target, exact: true);
    }

    private CatalogTable ResolveTargetTable(QualifiedName name)
    {
        var identifier = ObjectIdentifier.Resolve(_catalog, name.Parts.Select(p => p.Value).ToArray(), name.Span);
        return _catalog.FindTableAt(identifier, name.Span) switch
        {
            CatalogTable table => table,
            CatalogView => throw Invalid(name.Span, $"'{NameText(name)}' is a view; INSERT INTO needs a table"),
            _ => throw NotFound(name.Span, $"Table '{NameText(name)}' not found"
                + NameSuggestions.DidYouMean(identifier.Name, _catalog.ListTables(identifier.Catalog, identifier.Database).Select(t => t.Identifier.Name))),
        };
    }

    private static CatalogColumn WritableColumn(CatalogTable table, Identifier name, string tableName)
    {
        var column = table.FindColumn(name.Value)
            ?? throw NotFound(name.Span, $"Column '{name.Value}' not found in table '{tableName}'"
                + NameSuggestions.DidYouMean(name.Value, table.Columns.Select(c => c.Name)));
        if (!column.IsPersisted)
        {
            var kind = column.Kind == ColumnKind.Computed ? "computed" : "virtual metadata";
            throw Invalid(name.Span, $"Column '{column.Name}' of table '{tableName}' is a {kind} column and cannot be written");
        }

        return column;
    }

    /// <summary>The span of select item <paramref name="index"/> when the query is a plain SELECT, else the query's span.</summary>
    private static SourceSpan ItemSpan(SqlQuery query, int index)
    {
        var select = query switch
        {
            SelectQuery s => s,
            OrderedQuery { Body: SelectQuery s } => s,
            _ => null,
        };
        return select is not null && select.Items.Count > index && !select.Items.Any(i => i.Expression is StarExpression)
            ? select.Items[index].Span
            : query.Span;
    }
}
