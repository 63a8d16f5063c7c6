using System.Security.Cryptography;
using System.Text;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>
/// A deployment's script is planned by the SQL session as <c>sluice run</c> plans it: C# functions see the script's
/// <c>SET</c> values as job parameters, and the spec's parallelism wins over the script's.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ScriptPlanningTests
{
    private static string Jar => Path.Combine(AppContext.BaseDirectory, "Sluice.Udf.Samples.dll");

    [Fact]
    public async Task Deployment_FunctionReadsTheScriptsJobParameters_AndTheSpecParallelismWins()
    {
        await using var harness = await ServerHarness.StartAsync();
        var input = Path.Combine(harness.Root, "in");
        var output = Path.Combine(harness.Root, "out");
        Directory.CreateDirectory(input);
        await File.WriteAllLinesAsync(Path.Combine(input, "words.csv"), ["alpha", "beta"]);
        var sql = $"""
            SET 'hash.salt' = 'pepper';
            SET 'parallelism.default' = '3';
            CREATE FUNCTION hash AS 'Sluice.Udf.Samples.Hash' USING JAR '{Jar}';
            CREATE TABLE words (word STRING) WITH ('connector' = 'filesystem', 'path' = '{input}', 'format' = 'csv');
            CREATE TABLE hashes (word STRING, h STRING) WITH ('connector' = 'filesystem', 'path' = '{output}', 'format' = 'csv');
            INSERT INTO hashes SELECT word, hash(word) FROM words;
            """;
        var id = (string)(await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments", new { name = "salted", sql, parallelism = 2 }))["id"]!;

        var graph = await harness.GetJsonAsync($"/api/v1/deployments/{id}/job");
        Assert.Contains(graph["operators"]!.AsArray(), o => (int)o!["parallelism"]! == 2);
        Assert.DoesNotContain(graph["operators"]!.AsArray(), o => (int)o!["parallelism"]! == 3);
        await harness.WaitForPhaseAsync(id, "FINISHED");

        var rows = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.'))
            .SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["alpha," + Salted("alpha"), "beta," + Salted("beta")], rows);
    }

    private static string Salted(string word) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("pepper" + word)))[..16].ToLowerInvariant();
}
