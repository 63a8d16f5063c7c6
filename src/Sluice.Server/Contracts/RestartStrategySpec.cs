namespace Sluice.Server.Contracts;

/// <summary>A deployment's restart strategy.</summary>
/// <param name="Type">The kind.</param>
/// <param name="Attempts">Fixed delay: the restarts allowed; failure rate: the failures allowed per interval.</param>
/// <param name="Delay">The delay before a restart (a duration such as <c>10 s</c>); the initial one for exponential delay.</param>
/// <param name="MaxDelay">Exponential delay: the longest delay.</param>
/// <param name="Interval">Failure rate: the measuring interval.</param>
internal sealed record RestartStrategySpec(RestartStrategyKind Type, int? Attempts = null, string? Delay = null, string? MaxDelay = null,
    string? Interval = null);
