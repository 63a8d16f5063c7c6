using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// Writes the input to a table (<c>INSERT INTO</c>). The input has one column per target column, already cast to
/// the column types; <see cref="Columns"/> names the target columns in input order.
/// </summary>
public sealed class Sink : LogicalPlan
{
    /// <summary>Creates a sink.</summary>
    public Sink(LogicalPlan input, CatalogTable table, NodeList<string> columns, bool overwrite)
        : base(input.Schema)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != input.Schema.Count)
        {
            throw new ArgumentException("The sink needs one target column per input column.", nameof(columns));
        }

        Input = input;
        Table = table;
        Columns = columns;
        Overwrite = overwrite;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The target table.</summary>
    public CatalogTable Table { get; }

    /// <summary>The target columns, one per input column.</summary>
    public NodeList<string> Columns { get; }

    /// <summary>True for <c>INSERT OVERWRITE</c>.</summary>
    public bool Overwrite { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "Sink";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Sink(inputs[0], Table, Columns, Overwrite);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) =>
        $"table=[{Table.Identifier.Name}], columns=[{string.Join(", ", Columns)}]" + (Overwrite ? ", overwrite=[true]" : "");
}
