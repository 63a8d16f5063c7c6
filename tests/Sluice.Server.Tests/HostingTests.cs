using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>Problem details for every error, request size limits, static files with an SPA fallback, and TLS.</summary>
[Trait("Category", "Integration")]
public sealed class HostingTests
{
    [Fact]
    public async Task Errors_AreProblemDetails()
    {
        await using var harness = await ServerHarness.StartAsync();
        var (status, problem) = await harness.SendAsync(HttpMethod.Get, "/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, (int)problem!["status"]!);

        using var bad = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/deployments", UriKind.Relative))
        {
            Content = new StringContent("{\"name\":\"x\",\"sql\":\"s\",\"state\":\"SLEEPING\"}", Encoding.UTF8, "application/json"),
        };
        using var response = await harness.Http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        (status, problem) = await harness.SendAsync(HttpMethod.Post, "/api/v1/deployments", new { name = "bad", sql = "INSERT INTO nowhere SELECT 1" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(1, (int)problem!["errors"]![0]!["line"]!);

        // Enum values are read case-insensitively.
        var created = await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments", new { name = "lower", sql = Scripts.Unbounded(), state = "suspended" });
        Assert.Equal("SUSPENDED", (string?)created["spec"]!["state"]);

        (status, problem) = await harness.SendAsync(HttpMethod.Post, "/api/v1/deployments", new { name = "bad name!", sql = Scripts.Unbounded() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'name'", (string)problem!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnAPortInUse_Fails_AndTheFirstServerKeepsServing()
    {
        await using var first = await ServerHarness.StartAsync();
        var port = first.Server.Address.Port;
        var data = Path.Combine(first.Root, "second");
        await Assert.ThrowsAnyAsync<IOException>(() => SluiceServer.StartAsync(first.Options() with { Port = port, DataDirectory = data }));
        Assert.Equal("ok", (string?)(await first.GetJsonAsync("/api/v1/health"))["status"]);
    }

    [Fact]
    public async Task RequestBody_OverTheLimit_Is413()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { MaxRequestBodySize = 4096 });
        var (status, problem) = await harness.SendAsync(HttpMethod.Post, "/api/v1/sql/validate", new { sql = new string('x', 10_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.True(problem is not null, string.Join("\n", harness.Log.Lines.Where(l => !l.Contains("Sluice.Server.Deployments", StringComparison.Ordinal))));
        Assert.Equal(413, (int)problem!["status"]!);
        Assert.Equal(HttpStatusCode.OK, (await harness.SendAsync(HttpMethod.Post, "/api/v1/sql/validate", new { sql = "SELECT 1" })).Status);
    }

    [Fact]
    public async Task StaticFiles_AreServed_WithIndexFallbackOutsideTheApi()
    {
        var ui = Path.Combine(Path.GetTempPath(), "sluice-ui-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(ui, "assets"));
        await File.WriteAllTextAsync(Path.Combine(ui, "index.html"), "<html>sluice ui</html>");
        await File.WriteAllTextAsync(Path.Combine(ui, "assets", "app.js"), "console.log(1)");
        try
        {
            await using var harness = await ServerHarness.StartAsync(o => o with { StaticFilesDirectory = ui });
            Assert.Contains("sluice ui", await harness.Http.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
            Assert.Equal("console.log(1)", await harness.Http.GetStringAsync(new Uri("/assets/app.js", UriKind.Relative)));
            Assert.Contains("sluice ui", await harness.Http.GetStringAsync(new Uri("/deployments/abc", UriKind.Relative)), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await harness.SendAsync(HttpMethod.Get, "/api/v1/unknown")).Status);
            using var traversal = await harness.Http.GetAsync(new Uri("/..%2F..%2Fetc%2Fpasswd", UriKind.Relative));
            Assert.DoesNotContain("root:", await traversal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(ui, recursive: true);
        }
    }

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task Tls_WithAConfiguredCertificate_ServesHttps(string kind)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sluice-tls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pfx = Path.Combine(folder, "server.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pw"));
            await File.WriteAllTextAsync(Path.Combine(folder, "server.crt"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder, "server.key"), key.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            await using var harness = await ServerHarness.StartAsync(o => kind == "pfx"
                ? o with { CertificatePath = pfx, CertificatePassword = "pw" }
                : o with { CertificatePath = Path.Combine(folder, "server.crt"), CertificateKeyPath = Path.Combine(folder, "server.key") });
            Assert.Equal("https", harness.Server.Address.Scheme);
            string? thumbprint = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    thumbprint = cert?.Subject;
                    return true;
                },
            };
            using var client = harness.Client(null, handler);
            var health = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>(new Uri("/api/v1/health", UriKind.Relative));
            Assert.Equal("ok", (string?)health!["status"]);
            Assert.Equal("CN=localhost", thumbprint);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
