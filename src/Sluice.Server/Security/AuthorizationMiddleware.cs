using Sluice.Server.Contracts;
using Sluice.Server.Hosting;

namespace Sluice.Server.Security;

/// <summary>
/// Checks the caller's role against the endpoint's <see cref="RequiredRole"/> on every request: a bearer token's
/// role when one is presented (an unknown token is 401 even where none is required), admin when no token is
/// needed (<see cref="AccessPolicy"/>), else 401; a role below the endpoint's is 403.
/// </summary>
internal sealed class AuthorizationMiddleware(RequestDelegate next, AccessPolicy policy, TokenService tokens)
{
    /// <summary>Handles a request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>();
        if (required is null)
        {
            return next(context);
        }

        Role? role;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                throw Unauthorized("The Authorization header must be 'Bearer <token>'.");
            }

            role = tokens.Authenticate(header["Bearer ".Length..].Trim()) ?? throw Unauthorized("The bearer token is not valid.");
        }
        else if (!policy.AuthenticationRequired)
        {
            role = Role.Admin;
        }
        else
        {
            throw Unauthorized("This server requires an API token: send 'Authorization: Bearer <token>'.");
        }

        if (role < required.Role)
        {
            throw new ApiException(StatusCodes.Status403Forbidden, "Forbidden",
                $"This request needs the role {MetadataText(required.Role)}; the token has the role {MetadataText(role.Value)}.");
        }

        return next(context);
    }

    private static ApiException Unauthorized(string detail)
    {
        var ex = new ApiException(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
        ex.Extensions["wwwAuthenticate"] = "Bearer";
        return ex;
    }

    private static string MetadataText(Role role) => Storage.MetadataStore.EnumText(role);
}
