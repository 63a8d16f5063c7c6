namespace Sluice.Sql.Planning;

/// <summary>What a rule may know about the optimization in progress.</summary>
public sealed class OptimizerContext
{
    /// <summary>The 0-based pass over the rule list.</summary>
    public int Pass { get; init; }
}
