using Sluice.Sql.Syntax;

namespace Sluice.Sql.Planning;

/// <summary>
/// Where a plan element was written in its statement, kept so that errors found later (while the physical planner builds
/// an operator) can point at the construct. It never makes two plan elements differ: every position equals every other,
/// so equal subplans of different places in a script stay equal (sub-plan reuse, optimizer checks).
/// </summary>
/// <param name="Span">The source span, or null when the element was not written (a rewrite made it).</param>
public readonly record struct PlanPosition(SourceSpan? Span)
{
    /// <summary>Always true: a position is not part of a plan element's meaning.</summary>
    public bool Equals(PlanPosition other) => true;

    /// <inheritdoc />
    public override int GetHashCode() => 0;
}
