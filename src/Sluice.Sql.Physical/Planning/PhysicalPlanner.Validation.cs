using Sluice.Core.Errors;
using Sluice.Runtime.Operators;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// Builds an operator once while planning, so what its constructor rejects (an aggregate over a type it cannot keep,
    /// a sort key of a nested type, ...) fails the statement with an <see cref="OperatorBuildException"/> instead of the
    /// job when it starts. Sources and sinks are not built here: their connectors may reach outside the process.
    /// </summary>
    private static void ValidateOperator(string name, Func<StreamOperator> factory)
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
            throw new OperatorBuildException(name, ReasonOf(e), e);
        }
    }

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
