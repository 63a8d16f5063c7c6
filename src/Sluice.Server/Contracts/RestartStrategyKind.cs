namespace Sluice.Server.Contracts;

/// <summary>The kinds of restart strategy (Flink's names).</summary>
internal enum RestartStrategyKind
{
    /// <summary>Never restart: the first failure fails the job.</summary>
    None,

    /// <summary>Restart up to <c>attempts</c> times, waiting <c>delay</c> each time.</summary>
    FixedDelay,

    /// <summary>Restart without limit with a delay from <c>delay</c> growing up to <c>maxDelay</c>.</summary>
    ExponentialDelay,

    /// <summary>Restart unless more than <c>attempts</c> failures happen within <c>interval</c>.</summary>
    FailureRate,
}
