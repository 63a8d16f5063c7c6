using System.Text.Json.Nodes;
using Sluice.Server.Endpoints;
using Sluice.Server.Tests.Support;
using Sluice.Testing;

namespace Sluice.Server.Tests;

/// <summary>
/// The OpenAPI document served at /api/v1/openapi.json equals the checked-in snapshot, so every change of the API
/// shows up in review; <c>UPDATE_SNAPSHOTS=1 dotnet test</c> rewrites it. It lists every mapped endpoint.
/// </summary>
public sealed class OpenApiSnapshotTests
{
    private static string SnapshotPath => Path.Combine(RepositoryRoot.Find(typeof(OpenApiSnapshotTests).Assembly), "tests", "Sluice.Server.Tests", "Snapshots", "openapi.json");

    [Fact]
    [Trait("Category", "Integration")]
    public async Task OpenApi_Served_MatchesTheSnapshot()
    {
        await using var harness = await ServerHarness.StartAsync();
        using var response = await harness.Http.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        var served = await response.Content.ReadAsStringAsync();
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, served);
        }

        Assert.True(File.Exists(SnapshotPath), $"{SnapshotPath} is missing; run UPDATE_SNAPSHOTS=1 dotnet test and review it");
        var expected = (await File.ReadAllTextAsync(SnapshotPath)).ReplaceLineEndings("\n");
        Assert.True(expected == served.ReplaceLineEndings("\n"),
            "The API changed: review the difference, then run UPDATE_SNAPSHOTS=1 dotnet test tests/Sluice.Server.Tests --filter OpenApi to accept it.");
    }

    [Fact]
    public void OpenApi_ListsEveryOperation_WithItsRequiredRole()
    {
        var document = JsonNode.Parse(OpenApi.OpenApiDocument.Text)!;
        foreach (var operation in ApiOperations.All)
        {
            var node = document["paths"]![operation.Path]![operation.Method.ToLowerInvariant()];
            Assert.NotNull(node);
            Assert.Equal(operation.OperationId, (string?)node!["operationId"]);
            Assert.Equal(operation.Role is null ? null : operation.Role.ToString()!.ToUpperInvariant(), (string?)node["x-required-role"]);
        }

        var spec = document["components"]!["schemas"]!["DeploymentSpec"]!;
        Assert.Contains("sql", spec["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["RUNNING", "SUSPENDED", "CANCELLED"], document["components"]!["schemas"]!["DesiredState"]!["enum"]!.AsArray().Select(n => (string?)n));
    }
}
