using System.Net;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>With file roots configured, no endpoint reads or writes a path outside them: not deployments, validation or previews.</summary>
[Trait("Category", "Integration")]
public sealed class PathPolicyTests
{
    [Fact]
    public async Task FileRoots_RejectPathsOutside_AndAllowPathsInside()
    {
        string? allowed = null;
        await using var harness = await ServerHarness.StartAsync(o =>
        {
            allowed = Path.Combine(Path.GetDirectoryName(o.DataDirectory)!, "allowed");
            return o with { FileRoots = [allowed] };
        });
        Directory.CreateDirectory(allowed!);

        var outside = """
            CREATE TABLE secrets (line STRING) WITH ('connector' = 'filesystem', 'path' = '/etc/passwd', 'format' = 'raw');
            SELECT line FROM secrets;
            """;
        var (status, problem) = await harness.SendAsync(HttpMethod.Post, "/api/v1/sql/preview", new { sql = outside });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("outside the directories", (string)problem!["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", problem.ToJsonString(), StringComparison.Ordinal);

        var escaping = Scripts.SequenceToFiles(Path.Combine(allowed!, "..", "escaped"), 10, 100);
        (status, _) = await harness.SendAsync(HttpMethod.Post, "/api/v1/deployments", new { name = "escape", sql = escaping });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var validated = await harness.SendOkAsync(HttpMethod.Post, "/api/v1/sql/validate", new { sql = escaping });
        Assert.False((bool)validated["valid"]!);

        var function = "CREATE FUNCTION evil AS 'Evil.Function' LANGUAGE CSHARP USING JAR '/usr/lib/evil.dll';\nSELECT 1;";
        validated = await harness.SendOkAsync(HttpMethod.Post, "/api/v1/sql/validate", new { sql = function });
        Assert.False((bool)validated["valid"]!);
        Assert.Contains("/usr/lib/evil.dll", (string)validated["errors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)validated["errors"]![0]!["line"]!);

        // ALTER FUNCTION looks the new class up in the session's assembly lists too: they are checked as well.
        var alter = "SET 'pipeline.jars' = '/usr/lib/evil.dll';\nALTER FUNCTION f AS 'Evil.Function';\nSELECT 1;";
        validated = await harness.SendOkAsync(HttpMethod.Post, "/api/v1/sql/validate", new { sql = alter });
        Assert.False((bool)validated["valid"]!);
        Assert.Contains("/usr/lib/evil.dll", (string)validated["errors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(2, (int)validated["errors"]![0]!["line"]!);

        var inside = Path.Combine(allowed!, "out");
        var created = await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "inside", sql = Scripts.SequenceToFiles(inside, 10, 100), checkpointInterval = "200 ms" });
        await harness.WaitForPhaseAsync((string)created["id"]!, "FINISHED");
        Assert.Equal(10, Scripts.CommittedValues(inside).Count);
    }
}
