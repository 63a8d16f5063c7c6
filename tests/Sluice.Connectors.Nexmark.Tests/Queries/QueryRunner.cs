using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin;
using Sluice.Connectors.Files;
using Sluice.Core.Batches;
using Sluice.Formats;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;

namespace Sluice.Connectors.Nexmark.Tests.Queries;

/// <summary>Runs a benchmark query through a <see cref="SqlSession"/> into a <c>row-collect</c> sink.</summary>
internal static class QueryRunner
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="query"/> and returns its changelog.</summary>
    public static async Task<IReadOnlyList<(RowKind Kind, object?[] Values)>> RunAsync(
        string query, NexmarkConfiguration configuration, int parallelism)
    {
        var directory = Directory.CreateTempSubdirectory("nexmark-test-");
        try
        {
            var sideInput = Path.Combine(directory.FullName, "side_input.csv");
            await File.WriteAllLinesAsync(sideInput, Enumerable.Range(0, 10_000).Select(i => $"{i},{i}"));
            var collect = new RowCollectTableFactory();
            var registry = new ConnectorRegistry().AddStandardFormats().AddBuiltinConnectors().AddFileSystemConnector()
                .AddNexmarkConnector().Add(collect);
            var session = new SqlSession(new SqlSessionOptions(registry)
            {
                Parallelism = parallelism,
                CollectInserts = true,
                Configuration = new Dictionary<string, string> { ["table.local-time-zone"] = "UTC" },
            });
            foreach (var statement in SqlSession.ParseScript(NexmarkScripts.Script(query, configuration, RowCollectTableFactory.ConnectorName, sideInput)))
            {
                session.Execute(statement);
            }

            await using var job = session.SubmitCollectedInserts() ?? throw new InvalidOperationException("The script has no INSERT.");
            var result = await job.Completion.WaitAsync(JobTimeout);
            if (result.Status != JobStatus.Finished)
            {
                throw result.Failure ?? new InvalidOperationException($"The job ended {result.Status}.");
            }

            return collect.Changes;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
