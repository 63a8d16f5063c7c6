using System.Globalization;
using Sluice.Testing;

namespace Sluice.Connectors.Nexmark.Tests.Queries;

/// <summary>The benchmark's SQL files (<c>bench/nexmark</c>) with their placeholders filled for a test run.</summary>
internal static class NexmarkScripts
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot.Find(typeof(NexmarkScripts).Assembly), "bench", "nexmark");

    /// <summary>The DDL and the query <paramref name="query"/> (e.g. "q5"), its blackhole sink replaced by <paramref name="sinkConnector"/>.</summary>
    public static string Script(string query, NexmarkConfiguration configuration, string sinkConnector, string sideInputPath)
    {
        var ddl = File.ReadAllText(Path.Combine(Directory, "ddl.sql"));
        var text = File.ReadAllText(Path.Combine(Directory, query + ".sql"));
        var script = ddl + "\n" + text;
        return script
            .Replace("${TPS}", configuration.FirstEventRate.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${EVENTS_NUM}", configuration.EventsNum.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${MAX_EMIT_SPEED}", configuration.MaxEmitSpeed ? "true" : "false", StringComparison.Ordinal)
            .Replace("${SEED}", configuration.Seed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${BASE_TIME}", configuration.BaseTime.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${SIDE_INPUT}", sideInputPath, StringComparison.Ordinal)
            .Replace("'connector' = 'blackhole'", $"'connector' = '{sinkConnector}'", StringComparison.Ordinal);
    }

    /// <summary>The query names q0..q22.</summary>
    public static IEnumerable<string> All => Enumerable.Range(0, 23).Select(i => "q" + i.ToString(CultureInfo.InvariantCulture));
}
