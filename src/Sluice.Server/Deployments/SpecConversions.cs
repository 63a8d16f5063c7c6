using Sluice.Core.Errors;
using Sluice.Runtime.Execution;
using Sluice.Server.Contracts;
using Sluice.Sql.Physical.Session;

namespace Sluice.Server.Deployments;

/// <summary>Turns the API's spec values into runtime settings, validating them.</summary>
internal static class SpecConversions
{
    /// <summary>The checkpoint interval, or null for none (<c>null</c>, empty, <c>none</c> or <c>0</c>).</summary>
    /// <exception cref="SluiceException">Not a duration.</exception>
    public static TimeSpan? CheckpointInterval(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var interval = SqlSession.ParseDuration("checkpointInterval", text);
        return interval <= TimeSpan.Zero ? null : interval;
    }

    /// <summary>The runtime's restart strategy.</summary>
    /// <exception cref="SluiceException">A field is missing or not valid.</exception>
    public static RestartStrategy Restart(RestartStrategySpec spec) => spec.Type switch
    {
        RestartStrategyKind.None => RestartStrategy.None,
        RestartStrategyKind.FixedDelay => RestartStrategy.FixedDelay(Positive(spec.Attempts ?? 3, "attempts"), Duration(spec.Delay, "delay", "10 s")),
        RestartStrategyKind.ExponentialDelay => RestartStrategy.ExponentialDelay(Duration(spec.Delay, "delay", "1 s"),
            Duration(spec.MaxDelay, "maxDelay", "5 min")),
        RestartStrategyKind.FailureRate => RestartStrategy.FailureRate(Positive(spec.Attempts ?? 3, "attempts"), Duration(spec.Interval, "interval", "1 min"),
            Duration(spec.Delay, "delay", "10 s")),
        _ => throw new SluiceException($"Unknown restart strategy type {spec.Type}.", ErrorDomain.User),
    };

    private static int Positive(int value, string field) =>
        value > 0 ? value : throw new SluiceException($"restartStrategy.{field} must be positive, not {value}.", ErrorDomain.User);

    private static TimeSpan Duration(string? text, string field, string fallback) =>
        SqlSession.ParseDuration("restartStrategy." + field, string.IsNullOrWhiteSpace(text) ? fallback : text);
}
