using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// The input of a <c>SELECT</c> while it is bound. Scalar subqueries join their single value onto it, which only
/// appends columns: references bound earlier stay valid and the scope (a prefix of the row) does not change.
/// </summary>
internal sealed class SelectState
{
    public SelectState(LogicalPlan input, Scope scope)
    {
        Input = input;
        Scope = scope;
    }

    /// <summary>The current input.</summary>
    public LogicalPlan Input { get; set; }

    /// <summary>The names visible over the input.</summary>
    public Scope Scope { get; }
}
