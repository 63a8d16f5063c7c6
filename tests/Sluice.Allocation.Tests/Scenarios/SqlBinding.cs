using Sluice.Sql;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;

namespace Sluice.Allocation.Tests.Scenarios;

/// <summary>Binds SQL filters and projections over the <see cref="Bids"/> table with the real parser and binder.</summary>
public static class SqlBinding
{
    private static readonly Lazy<InMemoryCatalog> Catalog = new(() =>
    {
        var catalog = new InMemoryCatalog();
        Planner.Execute(SqlParser.ParseStatement(Bids.TableDdl), catalog);
        return catalog;
    });

    /// <summary>The bound projection and filter condition of <c>SELECT projection FROM bid [WHERE condition]</c>.</summary>
    public static (IReadOnlyList<BoundExpression> Projection, BoundExpression? Condition, Sluice.Core.Schemas.Schema OutputSchema) Bind(
        string projection, string? condition)
    {
        var sql = condition is null ? $"SELECT {projection} FROM bid" : $"SELECT {projection} FROM bid WHERE {condition}";
        var plan = Planner.Bind(SqlParser.ParseStatement(sql), Catalog.Value);
        var project = plan as Project ?? throw new InvalidOperationException($"Expected a projection for {sql}, got {plan.NodeName}.");
        var filter = project.Input as Filter;
        if ((condition is null) != (filter is null))
        {
            throw new InvalidOperationException($"Unexpected plan for {sql}: {plan.Explain()}");
        }

        return ([.. project.Projections], filter?.Condition, project.Schema.ToSchema());
    }
}
