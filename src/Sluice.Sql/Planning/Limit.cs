using System.Globalization;

namespace Sluice.Sql.Planning;

/// <summary>Skips <see cref="Offset"/> rows and passes at most <see cref="Fetch"/> rows (<c>LIMIT</c>, <c>OFFSET</c>, <c>FETCH</c>).</summary>
public sealed class Limit : LogicalPlan
{
    /// <summary>Creates a limit.</summary>
    public Limit(LogicalPlan input, long offset, long? fetch)
        : base(input.Schema)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Input = input;
        Offset = offset;
        Fetch = fetch;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>How many rows to skip.</summary>
    public long Offset { get; }

    /// <summary>How many rows to pass at most, or null for all.</summary>
    public long? Fetch { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "Limit";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Limit(inputs[0], Offset, Fetch);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var parts = new List<string>();
        if (Offset > 0)
        {
            parts.Add($"offset=[{Offset.ToString(CultureInfo.InvariantCulture)}]");
        }

        if (Fetch is { } fetch)
        {
            parts.Add($"fetch=[{fetch.ToString(CultureInfo.InvariantCulture)}]");
        }

        return string.Join(", ", parts);
    }
}
