namespace Sluice.Server.Contracts;

/// <summary>An API token (never its value, which is stored only as a hash).</summary>
/// <param name="Id">The token's id.</param>
/// <param name="Name">Its label.</param>
/// <param name="Role">What it may do.</param>
/// <param name="CreatedAt">When it was created.</param>
internal sealed record TokenResponse(string Id, string Name, Role Role, DateTimeOffset CreatedAt);
