namespace Sluice.Server.Contracts;

/// <summary>A new API token with its value, shown only in this response.</summary>
/// <param name="Id">The token's id.</param>
/// <param name="Name">Its label.</param>
/// <param name="Role">What it may do.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Token">The bearer token to send as <c>Authorization: Bearer ...</c>.</param>
internal sealed record CreatedTokenResponse(string Id, string Name, Role Role, DateTimeOffset CreatedAt, string Token);
