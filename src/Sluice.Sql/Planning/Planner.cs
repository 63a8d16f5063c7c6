using Sluice.Sql.Ast;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// The SQL front end's entry points: bind a query or <c>INSERT</c> to a logical plan against a catalog, optimize
/// it, and execute DDL and utility statements against a mutable catalog. Stateless; the catalog holds the state.
/// </summary>
/// <remarks>
/// <para>Binding resolves every name and type (Flink's rules) and reports user errors as <see cref="SqlException"/>s
/// positioned at the offending syntax node. The bound plan is verified before it is returned.</para>
/// <para>Not thread-safe with respect to one catalog: use a catalog from one thread at a time.</para>
/// </remarks>
public static class Planner
{
    /// <summary>Binds a query (<c>SELECT</c>, <c>VALUES</c>, <c>WITH</c>, set operations) or an <c>INSERT</c>.</summary>
    /// <exception cref="SqlException">A name, type or rule error in the statement.</exception>
    public static LogicalPlan Bind(SqlStatement statement, ICatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(catalog);
        var plan = new Binder(catalog).BindStatement(statement);
        PlanVerifier.Verify(plan, "the binder");
        return plan;
    }

    /// <summary>Optimizes a bound plan with the default rules (<see cref="Optimizer.CreateDefault"/>).</summary>
    public static LogicalPlan Optimize(LogicalPlan plan) => Optimizer.CreateDefault().Optimize(plan);

    /// <summary>Binds and optimizes a query or <c>INSERT</c>.</summary>
    /// <exception cref="SqlException">A name, type or rule error in the statement.</exception>
    public static LogicalPlan Plan(SqlStatement statement, ICatalog catalog) => Optimize(Bind(statement, catalog));

    /// <summary>
    /// Executes a DDL or utility statement: <c>CREATE TABLE</c> (also <c>LIKE</c> and <c>AS SELECT</c>, which only
    /// creates the table), <c>CREATE VIEW</c>, <c>DROP</c>, <c>ALTER TABLE</c>, <c>SHOW</c>, <c>DESCRIBE</c>, <c>EXPLAIN</c>.
    /// A failing statement leaves the catalog unchanged.
    /// </summary>
    /// <param name="statement">The statement.</param>
    /// <param name="catalog">The catalog it reads and changes.</param>
    /// <param name="scriptDirectory">The folder of the script being run, where a relative <c>'path'</c> that does not exist
    /// in the current directory is looked up (as the physical planner does for sources), e.g. by <c>SHOW PARTITIONS</c>.</param>
    /// <exception cref="SqlException">The statement is invalid, or is a query (use <see cref="Bind"/>).</exception>
    public static StatementResult Execute(SqlStatement statement, IMutableCatalog catalog, string? scriptDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(catalog);
        return new DdlExecutor(catalog, scriptDirectory).Execute(statement);
    }

    /// <summary>
    /// Binds what scanning <paramref name="table"/> computes: its computed columns over the stored row, and its
    /// watermark expression. Used by the physical planner to build the table's source.
    /// </summary>
    /// <exception cref="SqlException">A computed column or the watermark no longer binds (e.g. a function was dropped).</exception>
    public static ScanExpressions BindScanExpressions(CatalogTable table, ICatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(catalog);
        return ScanExpressions.Bind(table, catalog);
    }

    /// <summary>True for the statements <see cref="Bind"/> accepts: queries and <c>INSERT</c>.</summary>
    public static bool IsQueryOrInsert(SqlStatement statement) => statement is QueryStatement or InsertStatement;
}
