using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Planning;

/// <summary>
/// Writes the input to a table (<c>INSERT INTO</c>). The input has one column per target column, already cast to
/// the column types; <see cref="Columns"/> names the target columns in input order.
/// </summary>
public sealed class Sink : LogicalPlan
{
    /// <summary>Creates a sink.</summary>
    /// <param name="input">The rows to write.</param>
    /// <param name="table">The target table.</param>
    /// <param name="columns">The target columns, one per input column.</param>
    /// <param name="overwrite">True for <c>INSERT OVERWRITE</c>.</param>
    /// <param name="staticPartitions">The constant values of the partition columns the statement's <c>PARTITION (...)</c>
    /// gives (default none).</param>
    public Sink(LogicalPlan input, CatalogTable table, NodeList<string> columns, bool overwrite, IReadOnlyDictionary<string, object?>? staticPartitions = null)
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
        StaticPartitions = staticPartitions ?? new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The target table.</summary>
    public CatalogTable Table { get; }

    /// <summary>The target columns, one per input column.</summary>
    public NodeList<string> Columns { get; }

    /// <summary>True for <c>INSERT OVERWRITE</c>.</summary>
    public bool Overwrite { get; }

    /// <summary>
    /// The static partition values of <c>INSERT ... PARTITION (col = literal, ...)</c> by column (the values as in a
    /// <see cref="Binding.BoundLiteral"/>, null for NULL); empty without a <c>PARTITION</c> clause.
    /// </summary>
    public IReadOnlyDictionary<string, object?> StaticPartitions { get; }

    /// <summary>
    /// Where the statement names the target table, for errors about the table's connector found while planning (null
    /// when the sink was not written in a statement).
    /// </summary>
    public SourceSpan? TargetSpan { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "Sink";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new Sink(inputs[0], Table, Columns, Overwrite, StaticPartitions) { TargetSpan = TargetSpan };

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) =>
        $"table=[{Table.Identifier.Name}], columns=[{string.Join(", ", Columns)}]" + (Overwrite ? ", overwrite=[true]" : "");
}
