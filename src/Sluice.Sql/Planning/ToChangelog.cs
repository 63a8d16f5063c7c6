using Sluice.Core.Types;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// Flink 2's <c>TO_CHANGELOG</c> process table function: turns every change of an (updating) input into an inserted
/// row whose operation column names the change's kind; the output is append-only.
/// </summary>
/// <remarks>
/// Output columns (Flink's PTF layout): the partition keys, the operation column (<c>STRING NOT NULL</c>, named by
/// <see cref="OpColumn"/>), then the other input columns in input order. Time attributes become regular columns.
/// </remarks>
public sealed class ToChangelog : LogicalPlan
{
    /// <summary>The row kinds by their names in <c>op_mapping</c>, in the order of the default mapping.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["INSERT", "UPDATE_BEFORE", "UPDATE_AFTER", "DELETE"];

    /// <summary>Creates the node.</summary>
    /// <param name="input">The input.</param>
    /// <param name="partitionKeys">The <c>PARTITION BY</c> columns of the input (may be empty).</param>
    /// <param name="opColumn">The name of the operation column (<c>op</c> by default).</param>
    /// <param name="codes">The code of each row kind, in the order of <see cref="KindNames"/>; null drops that kind.</param>
    public ToChangelog(LogicalPlan input, NodeList<int> partitionKeys, string opColumn, IReadOnlyList<string?> codes)
        : base(SchemaOf(input, partitionKeys, opColumn))
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count != KindNames.Count)
        {
            throw new ArgumentException("One code per row kind is needed.", nameof(codes));
        }

        Input = input;
        PartitionKeys = partitionKeys;
        OpColumn = opColumn;
        Codes = codes;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The partition key columns of the input.</summary>
    public NodeList<int> PartitionKeys { get; }

    /// <summary>The name of the operation column.</summary>
    public string OpColumn { get; }

    /// <summary>The code of each row kind (order of <see cref="KindNames"/>), null for kinds that are dropped.</summary>
    public IReadOnlyList<string?> Codes { get; }

    /// <summary>The input columns after the operation column: all but the keys, in input order.</summary>
    public IReadOnlyList<int> RemainingColumns => Enumerable.Range(0, Input.Schema.Count).Where(i => !PartitionKeys.Contains(i)).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "ToChangelog";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new ToChangelog(inputs[0], PartitionKeys, OpColumn, Codes);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var mapping = KindNames.Select((k, i) => (Kind: k, Code: Codes[i])).Where(p => p.Code is not null)
            .Select(p => p.Kind == p.Code ? p.Kind : $"{p.Kind}->{p.Code}");
        return $"partition=[{string.Join(", ", PartitionKeys.Select(k => NameOf(k, row)))}], op={OpColumn}, mapping=[{string.Join(", ", mapping)}]";
    }

    private static PlanSchema SchemaOf(LogicalPlan input, NodeList<int> keys, string opColumn)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrEmpty(opColumn);
        if (keys.Any(k => k < 0 || k >= input.Schema.Count))
        {
            throw new ArgumentOutOfRangeException(nameof(keys), "A partition key is not an input column.");
        }

        var columns = keys.Select(k => input.Schema[k].Materialized()).ToList();
        columns.Add(new PlanColumn(opColumn, DataTypes.String().NotNull()));
        columns.AddRange(Enumerable.Range(0, input.Schema.Count).Where(i => !keys.Contains(i)).Select(i => input.Schema[i].Materialized()));
        return PlanSchema.Unique(columns);
    }
}
