using Sluice.Sql.Ast;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Session;

public sealed partial class SqlSession
{
    /// <summary>
    /// Whether <paramref name="statement"/> (a query) reads a table that one of the collected <c>INSERT</c>s writes,
    /// and those inserts end by themselves (bounded inputs): a script then runs them first, so the query sees their
    /// rows (as Flink's SQL client with <c>table.dml-sync</c>). False when nothing is collected or the statement is not a
    /// query.
    /// </summary>
    /// <exception cref="Core.Errors.SluiceException">The query or a collected insert cannot be bound.</exception>
    public bool ReadsCollectedSinks(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (_collected.Count == 0 || statement is not QueryStatement)
        {
            return false;
        }

        var written = _collected.Select(Bind).OfType<Sink>().Select(s => s.Table.Identifier).ToHashSet();
        var read = new HashSet<Catalog.ObjectIdentifier>();
        CollectScans(Planner.Bind(statement, _catalog), read);
        return read.Overlaps(written) && PlanInserts(_collected.ToList(), "probe").IsBounded;
    }

    /// <summary>
    /// The columns a CTAS inserts into: none (by position) when the table is the query's columns in order, else the
    /// query's columns by name (the table also has columns of the CREATE part, or lists the query's in another order).
    /// </summary>
    private NodeList<Identifier> CtasTargetColumns(CreateTableStatement create, SqlQuery query)
    {
        if (create.Columns.Count == 0)
        {
            return NodeList<Identifier>.Empty;
        }

        var schema = Planner.Bind(new QueryStatement(query.Span, query), _catalog).Schema;
        return new NodeList<Identifier>(schema.Select(c => new Identifier(query.Span, c.Name)));
    }

    private static void CollectScans(LogicalPlan plan, HashSet<Catalog.ObjectIdentifier> tables)
    {
        if (plan is TableScan scan)
        {
            tables.Add(scan.Table.Identifier);
        }

        foreach (var input in plan.Inputs)
        {
            CollectScans(input, tables);
        }
    }
}
