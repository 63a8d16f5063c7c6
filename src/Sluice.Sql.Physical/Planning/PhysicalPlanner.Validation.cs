using Sluice.Core.Errors;
using Sluice.Runtime.Operators;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// Builds an operator once while planning, so what its constructor rejects (an aggregate over a type it cannot keep,
    /// a sort key of a nested type, ...) fails the statement with an <see cref="OperatorBuildException"/> instead of the
    /// job when it starts. Sources and sinks are not built here: their connectors may reach outside the process.
    /// </summary>
    /// <remarks>The error points at the construct of <paramref name="node"/> it concerns where the plan knows it
    /// (<see cref="PositionOf"/>); otherwise the session places it at the statement.</remarks>
    private static void ValidateOperator(string name, Func<StreamOperator> factory, LogicalPlan? node)
    {
        if (name.StartsWith("source:", StringComparison.Ordinal) || name.StartsWith("sink:", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            _ = factory();
        }
        catch (Exception e) when (e is SluiceException or ArgumentException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw new OperatorBuildException(name, ReasonOf(e), e) { Span = PositionOf(node, e) };
        }
    }

    /// <summary>
    /// Where in the statement the construct an operator failed for was written: the aggregate call an aggregation names
    /// in its error (by the call's name, the exception's parameter name), or an <c>OVER</c> window; null when unknown.
    /// </summary>
    private static SourceSpan? PositionOf(LogicalPlan? node, Exception error) => node switch
    {
        Aggregate aggregate when error is ArgumentException { ParamName: { } call } =>
            aggregate.Calls.FirstOrDefault(c => string.Equals(c.Name, call, StringComparison.Ordinal))?.Position.Span,
        OverWindow over when over.Window.Span.Length > 0 => over.Window.Span,
        _ => null,
    };

    /// <summary>The message of <paramref name="e"/> without the parameter name an <see cref="ArgumentException"/> appends.</summary>
    private static string ReasonOf(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } parameter })
        {
            var actual = message.IndexOf("\nActual value was", StringComparison.Ordinal);
            if (actual >= 0)
            {
                message = message[..actual];
            }

            var suffix = $" (Parameter '{parameter}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return message;
    }
}
