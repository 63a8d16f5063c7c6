using System.Security.Cryptography;
using System.Text;
using Sluice.Server.Contracts;
using Sluice.Server.Storage;

namespace Sluice.Server.Security;

/// <summary>
/// API tokens: 32 random bytes (base64url, prefixed <c>slc_</c>), shown once when created, stored as their SHA-256.
/// </summary>
internal sealed class TokenService(MetadataStore store, TimeProvider time)
{
    /// <summary>The prefix of every token (so leaked tokens are easy to search for).</summary>
    public const string Prefix = "slc_";

    /// <summary>Creates a token.</summary>
    public CreatedTokenResponse Create(string name, Role role)
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new TokenRecord(RandomNumberGenerator.GetHexString(12, lowercase: true), name, role, Hash(token), time.GetUtcNow());
        store.InsertToken(record);
        return new CreatedTokenResponse(record.Id, record.Name, record.Role, record.CreatedAt, token);
    }

    /// <summary>The role of a presented token, or null when it is unknown.</summary>
    public Role? Authenticate(string token) => store.FindTokenByHash(Hash(token))?.Role;

    /// <summary>Every token (without values).</summary>
    public IReadOnlyList<TokenResponse> List() => [.. store.ListTokens().Select(t => t.ToResponse())];

    /// <summary>Deletes a token.</summary>
    public bool Delete(string id) => store.DeleteToken(id);

    /// <summary>True when any token exists.</summary>
    public bool Any() => store.HasTokens();

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
