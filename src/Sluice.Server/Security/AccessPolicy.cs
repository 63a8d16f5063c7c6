namespace Sluice.Server.Security;

/// <summary>
/// When requests must present a token: always when the server listens beyond loopback or
/// <see cref="SluiceServerOptions.RequireAuthentication"/> is set, and as soon as any token exists. Otherwise (a
/// loopback server without tokens, a developer's machine) every request acts as an admin.
/// </summary>
internal sealed class AccessPolicy(TokenService tokens, bool alwaysRequired)
{
    /// <summary>True when requests need a token now.</summary>
    public bool AuthenticationRequired => alwaysRequired || tokens.Any();
}
