using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>Helpers for binder tests over <see cref="TestCatalogs.Standard"/>.</summary>
public static class BindingAssert
{
    private static readonly Lazy<InMemoryCatalog> SharedCatalog = new(TestCatalogs.Standard);

    /// <summary>A catalog with the shipping tables and the types table T (shared; do not change it).</summary>
    public static InMemoryCatalog Catalog => SharedCatalog.Value;

    /// <summary>The bound (not optimized) plan of one statement.</summary>
    public static LogicalPlan Bind(string sql, ICatalog? catalog = null) => Planner.Bind(SqlParser.ParseStatement(sql), catalog ?? Catalog);

    /// <summary>The optimized plan of one statement.</summary>
    public static LogicalPlan Plan(string sql, ICatalog? catalog = null) => Planner.Plan(SqlParser.ParseStatement(sql), catalog ?? Catalog);

    /// <summary>The output schema of a query.</summary>
    public static PlanSchema Schema(string sql, ICatalog? catalog = null) => Bind(sql, catalog).Schema;

    /// <summary>The type of <paramref name="expression"/> evaluated over table T.</summary>
    public static string TypeOf(string expression) => Schema($"SELECT {expression} FROM T").Single().Type.ToString();

    /// <summary>The column <paramref name="index"/> of a query's output.</summary>
    public static PlanColumn Column(string sql, int index = 0) => Schema(sql)[index];

    /// <summary>Asserts that binding fails with exactly <paramref name="message"/> (including the position), and that the position is valid.</summary>
    public static SqlException BindFails(string sql, string message, ICatalog? catalog = null)
    {
        var error = Assert.Throws<SqlException>(() => Bind(sql, catalog));
        Assert.Equal(message, error.Message);
        PositionIsValid(error, sql);
        return error;
    }

    /// <summary>Asserts that executing a script fails on its last statement with exactly <paramref name="message"/>.</summary>
    public static SqlException ExecuteFails(string script, string message, InMemoryCatalog? catalog = null)
    {
        catalog ??= TestCatalogs.Standard();
        var statements = SqlParser.ParseScript(script);
        for (var i = 0; i < statements.Count - 1; i++)
        {
            Planner.Execute(statements[i], catalog);
        }

        var error = Assert.Throws<SqlException>(() => Planner.Execute(statements[^1], catalog));
        Assert.Equal(message, error.Message);
        PositionIsValid(error, script);
        return error;
    }
}
