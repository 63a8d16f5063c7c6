using System.Net;
using Sluice.Server.Contracts;
using Sluice.Server.Endpoints;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>
/// Every endpoint checks the caller's role: unauthenticated calls get 401 once tokens exist (or off loopback),
/// lower roles get 403, and the required role (or higher) gets past the check. The endpoint list is the one the
/// server maps, so a new endpoint is covered automatically.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AuthorizationTests : IAsyncLifetime
{
    private ServerHarness _harness = null!;
    private readonly Dictionary<Role, string> _tokens = [];

    public async Task InitializeAsync()
    {
        _harness = await ServerHarness.StartAsync();
        // The first token is created on the open loopback server; from then on tokens are required.
        foreach (var role in Enum.GetValues<Role>().OrderDescending())
        {
            using var client = _harness.Client(_tokens.GetValueOrDefault(Role.Admin));
            var created = await _harness.SendOkAsync(HttpMethod.Post, "/api/v1/tokens", new { name = "test-" + role, role = role.ToString().ToUpperInvariant() }, client);
            _tokens[role] = (string)created["token"]!;
            Assert.StartsWith("slc_", _tokens[role], StringComparison.Ordinal);
        }
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string, string> ProtectedOperations()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in ApiOperations.All.Where(o => o.Role is not null))
        {
            data.Add(operation.Method, operation.Path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedOperations))]
    public async Task Endpoint_EachRole_IsCheckedAgainstItsRequiredRole(string method, string path)
    {
        var operation = ApiOperations.All.Single(o => o.Method == method && o.Path == path);
        var url = path.Replace("{id}", "nonexistent", StringComparison.Ordinal).Replace("{name}", "nonexistent", StringComparison.Ordinal);

        var (anonymous, problem) = await SendAsync(method, url, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(401, (int)problem!["status"]!);

        var (forged, _) = await SendAsync(method, url, "slc_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, forged);

        foreach (var role in Enum.GetValues<Role>())
        {
            var (status, body) = await SendAsync(method, url, _tokens[role]);
            if (role < operation.Role)
            {
                Assert.True(status == HttpStatusCode.Forbidden, $"{role} on {method} {path}: {(int)status}");
                Assert.Equal("Forbidden", (string?)body!["title"]);
            }
            else
            {
                Assert.True(status is not HttpStatusCode.Forbidden and not HttpStatusCode.Unauthorized, $"{role} on {method} {path}: {(int)status}");
            }
        }
    }

    [Fact]
    public async Task Health_WithoutToken_IsOpenAndSaysTokensAreRequired()
    {
        using var anonymous = _harness.Client(null);
        var health = await _harness.GetJsonAsync("/api/v1/health", anonymous);
        Assert.True((bool)health["authenticationRequired"]!);
    }

    [Fact]
    public async Task Tokens_AreListedWithoutValues_AndRevocationTakesEffect()
    {
        using var admin = _harness.Client(_tokens[Role.Admin]);
        var list = await _harness.GetJsonAsync("/api/v1/tokens", admin);
        Assert.Equal(3, list.AsArray().Count);
        foreach (var token in _tokens.Values)
        {
            Assert.DoesNotContain(token, list.ToJsonString(), StringComparison.Ordinal);
        }

        var viewerId = (string)list.AsArray().Single(t => (string?)t!["role"] == "VIEWER")!["id"]!;
        using var viewer = _harness.Client(_tokens[Role.Viewer]);
        Assert.Equal(HttpStatusCode.OK, (await _harness.SendAsync(HttpMethod.Get, "/api/v1/deployments", client: viewer)).Status);
        await _harness.SendOkAsync(HttpMethod.Delete, $"/api/v1/tokens/{viewerId}", client: admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _harness.SendAsync(HttpMethod.Get, "/api/v1/deployments", client: viewer)).Status);
    }

    private async Task<(HttpStatusCode, System.Text.Json.Nodes.JsonNode?)> SendAsync(string method, string url, string? token)
    {
        using var client = _harness.Client(token);
        object? body = method is "POST" or "PUT" or "PATCH" ? new { } : null;
        return await _harness.SendAsync(new HttpMethod(method), url, body, client);
    }
}
