using Microsoft.Playwright;
using Sluice.Server;
using Sluice.Web.Tests.Support;

namespace Sluice.Web.Tests;

[Collection(WebUiCollection.Name)]
public sealed class AppShellTests(WebUiFixture fixture)
{
    [Fact]
    public async Task DeepLink_IsServedByTheSpaFallback_AndTheTokenIsSentFromLocalStorage()
    {
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            var authorization = new List<string?>();
            page.Request += (_, request) =>
            {
                if (request.Url.Contains("/api/v1/deployments", StringComparison.Ordinal))
                {
                    authorization.Add(request.Headers.GetValueOrDefault("authorization"));
                }
            };
            await page.GotoAsync("/deployments");
            await Assertions.Expect(page.Locator(".nav a.active")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Deployments"));
            await page.Locator(".token-input").FillAsync("slc_test-token");
            await page.Locator(".token button").ClickAsync();
            Assert.Equal("slc_test-token", await page.EvaluateAsync<string>("localStorage.getItem('sluice.token')"));
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator(".token-input")).ToHaveValueAsync("slc_test-token");
            await Assertions.Expect(page.GetByTestId("deployments")).ToBeVisibleAsync();
            Assert.Contains("Bearer slc_test-token", authorization);
            await page.EvaluateAsync("localStorage.removeItem('sluice.token')");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task ServerRequiringTokens_ShowsWhy_UntilATokenIsSaved()
    {
        var options = fixture.ServerOptions(fixture.NewDirectory("auth")) with { RequireAuthentication = true };
        var token = SluiceServer.CreateAdminToken(options, "web-test");
        await using var server = await SluiceServer.StartAsync(options);
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(server.Address, "/deployments").ToString());
            await page.EvaluateAsync("localStorage.removeItem('sluice.token')");
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator(".auth")).ToHaveTextAsync("auth required");
            await Assertions.Expect(page.Locator(".banner-error")).ToContainTextAsync("Authentication required");

            await page.Locator(".token-input").FillAsync(token);
            await page.Locator(".token button").ClickAsync();
            await Assertions.Expect(page.Locator(".banner-error")).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByTestId("deployments")).ToContainTextAsync("No deployments yet");
        }
        finally
        {
            await page.EvaluateAsync("localStorage.removeItem('sluice.token')");
            await page.CloseAsync();
        }
    }
}
