using System.Net;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>
/// A loopback server without tokens lets every request act as an admin; once a token exists, or when the server is
/// told to require authentication, requests need one. Off loopback, the first start creates and prints an admin token.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LoopbackAccessTests
{
    [Fact]
    public async Task Loopback_WithoutTokens_AllowsAdminRequests_UntilATokenExists()
    {
        await using var harness = await ServerHarness.StartAsync();
        var health = await harness.GetJsonAsync("/api/v1/health");
        Assert.False((bool)health["authenticationRequired"]!);
        Assert.Equal(HttpStatusCode.OK, (await harness.SendAsync(HttpMethod.Get, "/api/v1/secrets")).Status);

        var token = (string)(await harness.SendOkAsync(HttpMethod.Post, "/api/v1/tokens", new { name = "ci", role = "ADMIN" }))["token"]!;
        var (status, problem) = await harness.SendAsync(HttpMethod.Get, "/api/v1/secrets");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Bearer", (string)problem!["detail"]!, StringComparison.Ordinal);
        using var admin = harness.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await harness.SendAsync(HttpMethod.Get, "/api/v1/secrets", client: admin)).Status);
    }

    [Fact]
    public async Task RequireAuthentication_WithoutTokens_RejectsEveryProtectedRequest()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { RequireAuthentication = true });
        Assert.Equal(HttpStatusCode.Unauthorized, (await harness.SendAsync(HttpMethod.Get, "/api/v1/deployments")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await harness.SendAsync(HttpMethod.Get, "/metrics")).Status);
        var token = SluiceServer.CreateAdminToken(harness.Options(), "cli");
        using var admin = harness.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await harness.SendAsync(HttpMethod.Get, "/api/v1/deployments", client: admin)).Status);
    }

    [Fact]
    public async Task OffLoopback_FirstStart_PrintsABootstrapAdminTokenOnce()
    {
        // Binds every interface on an ephemeral port; requests still go to loopback only.
        await using var harness = await ServerHarness.StartAsync(o => o with { Bind = "0.0.0.0" });
        var printed = harness.Console.ToString();
        var token = printed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim()).Single(w => w.StartsWith("slc_", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await harness.SendAsync(HttpMethod.Get, "/api/v1/deployments")).Status);
        using var admin = harness.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await harness.SendAsync(HttpMethod.Get, "/api/v1/tokens", client: admin)).Status);

        await harness.RestartAsync();
        Assert.Equal(1, harness.Console.ToString().Split("slc_").Length - 1);
    }
}
