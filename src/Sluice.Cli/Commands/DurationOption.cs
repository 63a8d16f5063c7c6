using System.CommandLine.Parsing;
using Sluice.Core.Errors;
using Sluice.Sql.Physical.Session;

namespace Sluice.Cli.Commands;

/// <summary>Durations on the command line, written as Flink writes them: <c>1s</c>, <c>500 ms</c>, <c>10 s</c>, <c>1min</c>, <c>2 h</c>.</summary>
internal static class DurationOption
{
    /// <summary>Parses a positive duration (or zero, with <paramref name="allowZero"/>); false with a message otherwise.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error, bool allowZero = false)
    {
        try
        {
            duration = SqlSession.ParseDuration("duration", text);
        }
        catch (SluiceException)
        {
            duration = default;
            error = $"'{text}' is not a duration: write a number and a unit, for example 1s, 500 ms, 10 s or 1min.";
            return false;
        }

        if (duration == TimeSpan.Zero && !allowZero)
        {
            error = $"The duration must be positive, not '{text}'.";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>A System.CommandLine parser of a duration option's token (a positive duration).</summary>
    public static TimeSpan? Parse(ArgumentResult result) => Parse(result, allowZero: false);

    /// <summary>A System.CommandLine parser of a duration option's token that may also be zero.</summary>
    public static TimeSpan? ParseNonNegative(ArgumentResult result) => Parse(result, allowZero: true);

    private static TimeSpan? Parse(ArgumentResult result, bool allowZero)
    {
        var text = result.Tokens.Count == 0 ? "" : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (TryParse(text, out var duration, out var error, allowZero))
        {
            return duration;
        }

        result.AddError(error!);
        return null;
    }
}
