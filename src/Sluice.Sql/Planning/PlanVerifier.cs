using Sluice.Core.Errors;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning;

/// <summary>
/// Checks plan invariants (DuckDB's <c>Verify</c>, DataFusion's schema check): every input reference is in range
/// of its node's expression row and has that column's type, no binder-only expression is left, and a rewrite keeps
/// the output schema. Violations are internal errors. Stateless and thread-safe.
/// </summary>
public static class PlanVerifier
{
    /// <summary>Verifies a plan; <paramref name="producer"/> names who built it, for the message.</summary>
    /// <exception cref="SluiceException">The plan is invalid (<see cref="ErrorDomain.Internal"/>).</exception>
    public static void Verify(LogicalPlan plan, string producer)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<string>();
        Check(plan, PlanSchema.Empty, problems);
        if (problems.Count > 0)
        {
            throw new SluiceException($"Invalid logical plan from {producer}: {string.Join("; ", problems)}\n{plan.Explain()}", ErrorDomain.Internal);
        }
    }

    /// <summary>Verifies that <paramref name="after"/> is valid and has the schema of <paramref name="before"/>.</summary>
    /// <exception cref="SluiceException">The rewrite broke an invariant (<see cref="ErrorDomain.Internal"/>).</exception>
    public static void VerifyRewrite(LogicalPlan before, LogicalPlan after, string ruleName)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!before.Schema.Equals(after.Schema))
        {
            throw new SluiceException(
                $"Rule {ruleName} changed the output schema from {before.Schema} to {after.Schema}", ErrorDomain.Internal);
        }

        Verify(after, "rule " + ruleName);
    }

    private static void Check(LogicalPlan plan, PlanSchema outer, List<string> problems)
    {
        var row = plan.ExpressionRow(outer);
        foreach (var expression in plan.Expressions)
        {
            foreach (var node in expression.Descendants())
            {
                switch (node)
                {
                    case BoundInputRef reference when reference.Index < 0 || reference.Index >= row.Count:
                        problems.Add($"{plan.NodeName}: input reference ${reference.Index} is out of range (the row has {row.Count} columns)");
                        break;
                    case BoundInputRef reference when !reference.Type.Equals(row[reference.Index].Type):
                        problems.Add($"{plan.NodeName}: input reference ${reference.Index} has type {reference.Type}, but column '{row[reference.Index].Name}' is {row[reference.Index].Type}");
                        break;
                    case BoundOuterRef or BoundOverCall:
                        problems.Add($"{plan.NodeName}: {node.GetType().Name} {node} must not remain in a plan");
                        break;
                }
            }
        }

        var inputs = plan.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            Check(inputs[i], plan.OuterRowForInput(i, outer), problems);
        }
    }
}
