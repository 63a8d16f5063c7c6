using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin;
using Sluice.Connectors.Files;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Connectors.Postgres;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;
using Sluice.Testing;

namespace Sluice.Connectors.Kafka.Tests.Examples;

/// <summary>
/// examples/shipping-kafka: the shipping report with ShipEvent from Kafka, ShipRoute from PostgreSQL and the report
/// written exactly once to an upsert-kafka topic equals the report of the file-based example.
/// </summary>
public sealed class ShippingKafkaExampleTests : IDisposable
{
    private readonly MockKafkaCluster _kafka = new();
    private readonly PostgresServer _postgres = new();
    private readonly string _root = RepositoryRoot.Find(typeof(ShippingKafkaExampleTests).Assembly);

    public void Dispose()
    {
        _kafka.Dispose();
        _postgres.Dispose();
    }

    [Fact]
    public async Task The_report_topic_materializes_to_the_file_based_report()
    {
        var data = Path.Combine(_root, "examples", "shipping", "data");
        _kafka.CreateTopic("ship-events", 2);
        _kafka.Produce("ship-events", File.ReadAllLines(Path.Combine(data, "ship_events.csv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select((line, i) => new TestRecord(null, line, i % 2)));
        var database = _postgres.CreateDatabase("shipping");
        _postgres.Execute(database, "CREATE TABLE ship_route (\"routeId\" bigint PRIMARY KEY, \"trackingNumber\" bigint, \"endStopId\" int); " +
            string.Concat(File.ReadAllLines(Path.Combine(data, "ship_routes.csv")).Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => $"INSERT INTO ship_route VALUES ({line});")));

        var script = File.ReadAllText(Path.Combine(_root, "examples", "shipping-kafka", "shipping.sql"))
            .Replace("localhost:9092", _kafka.BootstrapServers, StringComparison.Ordinal)
            .Replace("jdbc:postgresql://localhost:5432/shipping", _postgres.JdbcUrl(database), StringComparison.Ordinal);
        var session = new SqlSession(new SqlSessionOptions(KafkaTables.Registry().AddPostgresConnectors())
        {
            Parallelism = 2,
            CollectInserts = true,
            CheckpointInterval = TimeSpan.FromMilliseconds(200),
        });
        foreach (var statement in SqlSession.ParseScript(script))
        {
            session.Execute(statement);
        }

        await using (var job = session.SubmitCollectedInserts()!)
        {
            var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        }

        Assert.Equal(await FileBasedReportAsync(), ReportTopic());
    }

    /// <summary>The report topic as a compacted topic holds it: the latest value of each key, deletes removed.</summary>
    private List<string> ReportTopic()
    {
        var schema = Schema.Of(
            new Field("trackingNumber", DataTypes.BigInt().NotNull()), new Field("city", DataTypes.String()),
            new Field("statusDescription", DataTypes.String()), new Field("currentStopId", DataTypes.Int()),
            new Field("endStopId", DataTypes.Int()), new Field("remainingStops", DataTypes.Int()));
        var context = KafkaTables.Context(schema, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "upsert-kafka",
            ["topic"] = "shipping-report",
            ["properties.bootstrap.servers"] = _kafka.BootstrapServers,
            ["key.format"] = "json",
            ["value.format"] = "json",
            ["scan.bounded.mode"] = "latest-offset",
        }, primaryKey: ["trackingNumber"]);
        var latest = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in KafkaTables.ReadAll(KafkaTables.Source(context)))
        {
            var key = row[3..row.IndexOf(',', StringComparison.Ordinal)];
            if (row.StartsWith("-D", StringComparison.Ordinal))
            {
                latest.Remove(key);
            }
            else
            {
                latest[key] = row[2..];
            }
        }

        return [.. latest.Values];
    }

    /// <summary>The report of examples/shipping (files), run through the same session machinery.</summary>
    private async Task<List<string>> FileBasedReportAsync()
    {
        var session = new SqlSession(new SqlSessionOptions(new ConnectorRegistry().AddStandardFormats().AddBuiltinConnectors().AddFileSystemConnector())
        {
            ScriptDirectory = Path.Combine(_root, "examples", "shipping"),
        });
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var statement in SqlSession.ParseScript(File.ReadAllText(Path.Combine(_root, "examples", "shipping", "shipping.sql"))))
        {
            if (session.Execute(statement).Job is not { } job)
            {
                continue;
            }

            await using (job)
            {
                await foreach (var batch in job.Results.ReadAllAsync())
                {
                    using (batch)
                    {
                        foreach (var line in batch.ToRowStrings())
                        {
                            var key = line[3..line.IndexOf(',', StringComparison.Ordinal)];
                            if (line.StartsWith("+", StringComparison.Ordinal))
                            {
                                rows[key] = line[2..];
                            }
                            else
                            {
                                rows.Remove(key);
                            }
                        }
                    }
                }
            }
        }

        Assert.Equal(8, rows.Count); // eight packages, as examples/shipping/README.md shows
        return [.. rows.Values];
    }
}
