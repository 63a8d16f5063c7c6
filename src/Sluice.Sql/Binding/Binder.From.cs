using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>FROM</c> items: catalog tables and views, <c>WITH</c> items, subqueries, table functions, <c>UNNEST</c>, and
/// aliases with column lists.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The enclosing query's scope while a FROM clause is bound: derived tables in it may read that query's row.</summary>
    private Scope? _fromOuter;

    private (LogicalPlan Plan, Scope Scope) BindFrom(TableReference from, Scope? outer)
    {
        var saved = _fromOuter;
        _fromOuter = outer;
        try
        {
            var (plan, tables) = BindTableReference(from);
            return (plan, new Scope(tables, outer));
        }
        finally
        {
            _fromOuter = saved;
        }
    }

    private (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) BindTableReference(TableReference reference)
    {
        switch (reference)
        {
            case NamedTableReference named:
            {
                if (named.SystemTimeAsOf is not null)
                {
                    RejectTimeTravel(named);
                    throw Invalid(named.SystemTimeAsOf.Span, "FOR SYSTEM_TIME AS OF is only allowed on the right side of a JOIN");
                }

                var plan = ResolveNamedTable(named.Name, named.Hints);
                return Aliased(plan, named.Alias, named.Name.Last.Value);
            }

            case DerivedTableReference derived:
            {
                // LATERAL first in FROM: there is nothing before it to reference. A derived table of a subquery may read
                // the enclosing query's row (a correlation, as in Calcite), not the FROM items beside it.
                return Aliased(BindQuery(derived.Query, _fromOuter), derived.Alias, null);
            }

            case TableFunctionReference function:
            {
                var definition = ResolveFunction(function.Call.Name);
                if (definition.Kind == FunctionKind.WindowTable)
                {
                    return BindWindowTableFunction(function, definition);
                }

                if (definition.Kind == FunctionKind.ProcessTable)
                {
                    return BindProcessTableFunction(function, definition);
                }

                var scan = BindTableFunction(function, definition, Scope.Empty);
                return Aliased(scan, function.Alias, null);
            }

            case UnnestReference unnest:
                return Aliased(BindUnnest(unnest, Scope.Empty), unnest.Alias, null);
            case JoinReference join:
                return BindJoin(join);
            case MatchRecognizeReference match:
                return BindMatchRecognize(match);
            default:
                throw NotSupported(reference.Span, $"the FROM item {Text(reference)} is not supported yet");
        }
    }

    /// <summary>
    /// A <c>WITH</c> item, or a table or view of the catalog (a view's query is bound again); a table with the options
    /// of its <c>OPTIONS</c> hints.
    /// </summary>
    private LogicalPlan ResolveNamedTable(QualifiedName name, NodeList<Hint> hints)
    {
        if (name.IsSimple && FindCommonTableExpression(name.Last.Value) is { } cte)
        {
            RejectTableHints(hints, name);
            return cte;
        }

        var identifier = ObjectIdentifier.Resolve(_catalog, name.Parts.Select(p => p.Value).ToArray(), name.Span);
        var table = _catalog.FindTableAt(identifier, name.Span);
        if (table is null)
        {
            var candidates = _catalog.ListTables(identifier.Catalog, identifier.Database).Select(t => t.Identifier.Name)
                .Concat(_commonTableExpressions.SelectMany(f => f.Keys));
            throw NotFound(name.Span, $"Table '{NameText(name)}' not found" + NameSuggestions.DidYouMean(identifier.Name, candidates));
        }

        switch (table)
        {
            case CatalogTable catalogTable:
                return new TableScan(WithTableHints(catalogTable, hints));
            case CatalogView view:
            {
                RejectTableHints(hints, name);
                if (!_viewsBeingExpanded.Add(view.Identifier))
                {
                    throw Invalid(name.Span, $"View '{NameText(name)}' references itself");
                }

                try
                {
                    var plan = new Binder(new ViewNameScope(_catalog, view.ResolutionCatalog, view.ResolutionDatabase), _viewsBeingExpanded)
                        .BindQuery(view.Query);
                    return Rename(plan, view.ColumnNames);
                }
                catch (SqlException error)
                {
                    // The error's position is in the view's own text; report it at the reference, naming the view.
                    throw new SqlException(error.Code, name.Span,
                        $"Cannot read view '{NameText(name)}': {error.Reason} (line {error.Line}, column {error.Column} of its definition)", error);
                }
                finally
                {
                    _viewsBeingExpanded.Remove(view.Identifier);
                }
            }

            default:
                throw NotSupported(name.Span, $"'{NameText(name)}' is a {table.Kind} that queries cannot read");
        }
    }

    /// <summary>
    /// Time travel, <c>t FOR SYSTEM_TIME AS OF TIMESTAMP '...'</c> (a constant point in time, not a column of the left side
    /// of a join): Flink reads the table as of that time from its catalog, which only catalogs with versions (such as
    /// Paimon's) support. Sluice's catalogs are in memory, as Flink's <c>generic_in_memory</c> one, which fails with
    /// <c>Catalog.getTable(ObjectPath, long)</c>'s message; that message is given here, at the time travel's expression.
    /// Does nothing when the expression reads columns (a temporal or lookup join, or a wrong reference).
    /// </summary>
    private void RejectTimeTravel(NamedTableReference named)
    {
        BoundExpression period;
        try
        {
            period = BindExpression(named.SystemTimeAsOf!, new ExpressionContext(Scope.Empty, Clause.PeriodForSystemTime));
        }
        catch (SqlException)
        {
            return;
        }

        if (period.InputIndexes().Count > 0 || period.Any(e => e is BoundOuterRef))
        {
            return;
        }

        // The table must exist (and be a table) first, as in Flink.
        if (ResolveNamedTable(named.Name, named.Hints) is TableScan)
        {
            throw Invalid(named.SystemTimeAsOf!.Span,
                "getTable(ObjectPath, long) is not implemented for class org.apache.flink.table.catalog.GenericInMemoryCatalog.");
        }
    }

    /// <summary>The scope table of a FROM item, renaming its columns when the alias lists them.</summary>
    private static (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) Aliased(LogicalPlan plan, TableAlias? alias, string? defaultName)
    {
        if (alias is not null && alias.Columns.Count > 0)
        {
            if (alias.Columns.Count != plan.Schema.Count)
            {
                throw Invalid(alias.Span,
                    $"The alias '{alias.Name.Value}' lists {alias.Columns.Count} column names, but the table has {plan.Schema.Count} columns ({string.Join(", ", plan.Schema.Names)})");
            }

            plan = Rename(plan, alias.Columns.Select(c => c.Value).ToArray());
        }

        return (plan, [new ScopeTable(alias?.Name.Value ?? defaultName, 0, plan.Schema.ToArray())]);
    }

    /// <summary>A user-defined table function call; its operands are bound in <paramref name="scope"/> (the left side when correlated).</summary>
    private TableFunctionScan BindTableFunction(TableFunctionReference reference, FunctionDefinition function, Scope scope)
    {
        if (function.Kind != FunctionKind.Table)
        {
            throw Invalid(reference.Call.Span, $"'{function.Name}' is not a table function; TABLE(...) in FROM needs a table function");
        }

        var context = new ExpressionContext(scope, Clause.FunctionArgument);
        var operands = reference.Call.Arguments.Select(a => BindExpression(a, context)).ToList();
        var call = ResolveCall(function, operands, reference.Call.Span);
        var columns = call.Type.TypeId == Core.Types.TypeId.Row
            ? call.Type.Fields.Select(f => new PlanColumn(f.Name, f.DataType)).ToList()
            : [new PlanColumn("f0", call.Type)];
        return new TableFunctionScan(call, PlanSchema.Unique(columns));
    }

    /// <summary>
    /// <c>UNNEST(collections) [WITH ORDINALITY]</c>; its operands are bound in <paramref name="scope"/>. Several collections
    /// are zipped (the SQL standard's semantics): their columns are nullable.
    /// </summary>
    private Unnest BindUnnest(UnnestReference unnest, Scope scope)
    {
        var context = new ExpressionContext(scope, Clause.FunctionArgument);
        var operands = unnest.Arguments.Select(a => BindExpression(a, context)).ToList();

        // Several collections are zipped: the columns of one shorter than the longest are NULL in the rows beyond its end.
        var zipped = operands.Count > 1;
        var columns = new List<PlanColumn>();
        for (var i = 0; i < operands.Count; i++)
        {
            var type = operands[i].Type;
            switch (type.TypeId)
            {
                case Core.Types.TypeId.Array or Core.Types.TypeId.Multiset:
                    if (type.ElementType!.TypeId == Core.Types.TypeId.Row)
                    {
                        columns.AddRange(type.ElementType.Fields.Select(f => new PlanColumn(f.Name, Padded(f.DataType, zipped))));
                    }
                    else
                    {
                        columns.Add(new PlanColumn("EXPR$" + columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Padded(type.ElementType, zipped)));
                    }

                    break;
                case Core.Types.TypeId.Map:
                    columns.Add(new PlanColumn("KEY", Padded(type.KeyType!, zipped)));
                    columns.Add(new PlanColumn("VALUE", Padded(type.ValueType!, zipped)));
                    break;
                default:
                    throw TypeError(unnest.Arguments[i].Span, $"UNNEST needs an ARRAY, MULTISET or MAP, not {type}");
            }
        }

        if (unnest.WithOrdinality)
        {
            columns.Add(new PlanColumn("ORDINALITY", Core.Types.DataTypes.Int().NotNull()));
        }

        return new Unnest(operands.ToNodeList(), unnest.WithOrdinality, PlanSchema.Unique(columns));
    }

    private static Core.Types.DataType Padded(Core.Types.DataType type, bool padded) => padded ? type.Nullable() : type;
}
