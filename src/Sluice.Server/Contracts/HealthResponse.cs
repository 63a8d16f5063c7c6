namespace Sluice.Server.Contracts;

/// <summary>The server's health.</summary>
/// <param name="Status">Always <c>ok</c> when the server answers.</param>
/// <param name="Version">The server's version.</param>
/// <param name="AuthenticationRequired">True when requests need a bearer token.</param>
internal sealed record HealthResponse(string Status, string Version, bool AuthenticationRequired);
