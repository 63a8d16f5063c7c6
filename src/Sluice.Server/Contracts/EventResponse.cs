namespace Sluice.Server.Contracts;

/// <summary>An event of a deployment.</summary>
/// <param name="Id">Increasing per server.</param>
/// <param name="DeploymentId">The deployment.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Kind">What it records.</param>
/// <param name="Message">What happened.</param>
/// <param name="Exception">For a failure: the exception's type, message and stack trace (secret values redacted).</param>
internal sealed record EventResponse(long Id, string DeploymentId, DateTimeOffset Time, EventKind Kind, string Message, string? Exception);
