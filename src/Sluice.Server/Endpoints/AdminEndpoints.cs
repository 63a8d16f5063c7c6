using Sluice.Server.Contracts;
using Sluice.Server.Hosting;
using Sluice.Server.OpenApi;
using Sluice.Server.Security;

namespace Sluice.Server.Endpoints;

/// <summary>API tokens and secrets (admin only).</summary>
internal static class AdminEndpoints
{
    /// <summary>The operations.</summary>
    public static IEnumerable<ApiOperation> Operations() =>
    [
        new("GET", "/api/v1/tokens", "listTokens", "Lists the API tokens (never their values).", Role.Admin,
            (TokenService tokens) => Results.Ok(tokens.List()))
        { Response = typeof(IReadOnlyList<TokenResponse>) },
        new("POST", "/api/v1/tokens", "createToken", "Creates an API token; its value is shown only in this response.", Role.Admin,
            (CreateTokenRequest body, TokenService tokens) =>
            {
                var name = string.IsNullOrWhiteSpace(body.Name) ? throw ApiException.BadRequest("'name' is required.") : body.Name.Trim();
                var created = tokens.Create(name, body.Role ?? throw ApiException.BadRequest("'role' is required (VIEWER, EDITOR or ADMIN)."));
                return Results.Created($"/api/v1/tokens/{created.Id}", created);
            })
        { Request = typeof(CreateTokenRequest), Response = typeof(CreatedTokenResponse), Status = StatusCodes.Status201Created },
        new("DELETE", "/api/v1/tokens/{id}", "deleteToken", "Revokes an API token.", Role.Admin,
            (string id, TokenService tokens) => tokens.Delete(id) ? Results.NoContent() : throw ApiException.NotFound($"There is no token {id}."))
        { Status = StatusCodes.Status204NoContent },
        new("GET", "/api/v1/secrets", "listSecrets", "Lists the secrets' names (never their values).", Role.Admin,
            (SecretStore secrets) => Results.Ok(secrets.List()))
        { Response = typeof(IReadOnlyList<SecretResponse>) },
        new("PUT", "/api/v1/secrets/{name}", "putSecret", "Sets a secret; scripts reference it in WITH options as ${secret:name}.", Role.Admin,
            (string name, SecretRequest body, SecretStore secrets) =>
            {
                if (!SecretStore.IsValidName(name))
                {
                    throw ApiException.BadRequest("A secret's name is 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.");
                }

                return Results.Ok(secrets.Set(name, body.Value ?? throw ApiException.BadRequest("'value' is required.")));
            })
        { Request = typeof(SecretRequest), Response = typeof(SecretResponse) },
        new("DELETE", "/api/v1/secrets/{name}", "deleteSecret", "Deletes a secret.", Role.Admin,
            (string name, SecretStore secrets) => secrets.Delete(name) ? Results.NoContent() : throw ApiException.NotFound($"There is no secret '{name}'."))
        { Status = StatusCodes.Status204NoContent },
    ];
}
