using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// <c>ALTER TABLE ... ADD DISTRIBUTION ...</c>, <c>MODIFY DISTRIBUTION ...</c> and <c>DROP DISTRIBUTION</c>, as
/// Flink 2: adding needs a table without a distribution, modifying and dropping one with a distribution; the new
/// distribution is checked as in <c>CREATE TABLE</c> (bucket keys are physical columns, at least one bucket).
/// </summary>
internal sealed partial class DdlExecutor
{
    private StatementResult AlterDistribution(AlterTableDistributionStatement alter)
    {
        var table = AlterTarget(alter.Name, alter.IfExists, out _);
        if (table is null)
        {
            return StatementResult.Ok;
        }

        switch (alter.Action)
        {
            case AlterDistributionAction.Add when table.Distribution is { } existing:
                throw Invalid(alter.Span,
                    $"Failed to execute ALTER TABLE statement. The base table has already defined the distribution `{existing}`. "
                    + "You can modify it or drop it before adding a new one.");
            case AlterDistributionAction.Modify when table.Distribution is null:
                throw Invalid(alter.Span,
                    "Failed to execute ALTER TABLE statement. The base table does not define any distribution. You might want to add a new one.");
            case AlterDistributionAction.Drop when table.Distribution is null:
                throw Invalid(alter.Span, $"Table {table.Identifier.ToQuotedString()} does not have a distribution to drop.");
            case AlterDistributionAction.Drop:
                _catalog.PutTable(table.WithDistribution(null));
                return StatementResult.Ok;
            default:
                _catalog.PutTable(table.WithDistribution(CheckedDistribution(alter.Distribution!, table.Columns.ToList(), null)));
                return StatementResult.Ok;
        }
    }
}
