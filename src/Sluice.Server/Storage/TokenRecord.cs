using Sluice.Server.Contracts;

namespace Sluice.Server.Storage;

/// <summary>A stored API token: its SHA-256 hash, never its value.</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">The label.</param>
/// <param name="Role">The role.</param>
/// <param name="Hash">The lowercase hex SHA-256 of the token.</param>
/// <param name="CreatedAt">When it was created.</param>
internal sealed record TokenRecord(string Id, string Name, Role Role, string Hash, DateTimeOffset CreatedAt)
{
    /// <summary>The API's view (without the hash).</summary>
    public TokenResponse ToResponse() => new(Id, Name, Role, CreatedAt);
}
