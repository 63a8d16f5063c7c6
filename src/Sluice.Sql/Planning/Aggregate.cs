using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// Groups the input by key columns and computes aggregate calls per group; outputs the keys, then one column
/// per call. With grouping sets, each set is grouped separately and keys missing from a set are null (so keys
/// absent from some set are nullable).
/// </summary>
/// <remarks>
/// A window aggregation (the keys include a window's <c>window_start</c> and <c>window_end</c>) keeps the time
/// attributes and window properties of its keys, so <c>window_time</c> stays an event-time attribute; a regular
/// aggregation materializes them, as in Flink.
/// </remarks>
public sealed class Aggregate : LogicalPlan
{
    /// <summary>Creates an aggregation.</summary>
    /// <param name="input">The input.</param>
    /// <param name="groupKeys">The key columns of the input (none for a global aggregation).</param>
    /// <param name="groupingSets">Each set as positions in <paramref name="groupKeys"/>; null for the single set of all keys.</param>
    /// <param name="calls">The aggregate calls.</param>
    public Aggregate(LogicalPlan input, NodeList<int> groupKeys, NodeList<NodeList<int>>? groupingSets,
        NodeList<AggregateCall> calls)
        : base(SchemaOf(input, groupKeys, groupingSets, calls))
    {
        Input = input;
        GroupKeys = groupKeys;
        GroupingSets = groupingSets;
        Calls = calls;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The key columns of the input.</summary>
    public NodeList<int> GroupKeys { get; }

    /// <summary>The grouping sets as positions in <see cref="GroupKeys"/>, or null for the single set of all keys.</summary>
    public NodeList<NodeList<int>>? GroupingSets { get; }

    /// <summary>The aggregate calls; their arguments are input columns.</summary>
    public NodeList<AggregateCall> Calls { get; }

    /// <summary>True for a window aggregation: the keys include <c>window_start</c> and <c>window_end</c>.</summary>
    public bool IsWindowAggregate => IsWindowed(Input.Schema, GroupKeys);

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "Aggregate";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Aggregate(inputs[0], GroupKeys, GroupingSets, Calls);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var parts = new List<string> { $"group=[{string.Join(", ", GroupKeys.Select(k => NameOf(k, row)))}]" };
        if (GroupingSets is not null)
        {
            var sets = GroupingSets.Select(set => "[" + string.Join(", ", set.Select(p => NameOf(GroupKeys[p], row))) + "]");
            parts.Add($"groupSets=[{string.Join(", ", sets)}]");
        }

        if (Calls.Count > 0)
        {
            parts.Add($"aggs=[{string.Join(", ", Calls.Select(c => c.Format(row)))}]");
        }

        return string.Join(", ", parts);
    }

    private static bool IsWindowed(PlanSchema input, NodeList<int> keys) =>
        keys.Any(k => input[k].Window == WindowProperty.WindowStart) && keys.Any(k => input[k].Window == WindowProperty.WindowEnd);

    private static PlanSchema SchemaOf(LogicalPlan input, NodeList<int> keys, NodeList<NodeList<int>>? sets,
        NodeList<AggregateCall> calls)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(calls);
        foreach (var key in keys.Concat(calls.SelectMany(c => c.Arguments)))
        {
            if (key < 0 || key >= input.Schema.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(keys), key, "An aggregate column is not an input column.");
            }
        }

        var windowed = IsWindowed(input.Schema, keys);
        var columns = new List<PlanColumn>();
        for (var position = 0; position < keys.Count; position++)
        {
            var column = input.Schema[keys[position]];
            var inEverySet = sets is null || sets.All(set => set.Contains(position));
            if (!inEverySet)
            {
                column = column with { Type = column.Type.Nullable() };
            }

            columns.Add(windowed && inEverySet ? column : column.Materialized());
        }

        columns.AddRange(calls.Select(c => new PlanColumn(c.Name, c.Type, TimeAttribute.None)));
        return new PlanSchema(columns);
    }
}
