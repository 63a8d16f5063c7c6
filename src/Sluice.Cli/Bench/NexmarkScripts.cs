using System.Globalization;
using System.Reflection;

namespace Sluice.Cli.Bench;

/// <summary>The benchmark's SQL (the files of <c>bench/nexmark</c>, embedded in the CLI) with their placeholders filled.</summary>
internal static class NexmarkScripts
{
    /// <summary>Every query name, q0..q22.</summary>
    public static IReadOnlyList<string> AllQueries { get; } = [.. Enumerable.Range(0, 23).Select(i => "q" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The DDL and query <paramref name="query"/> for one run, its blackhole sink replaced by <paramref name="sinkConnector"/>.</summary>
    public static string Script(string query, long events, long rate, bool maxEmitSpeed, long seed, long baseTime, string sideInputPath, string sinkConnector)
    {
        var script = Read("ddl.sql") + "\n" + Read(query + ".sql");
        return script
            .Replace("${TPS}", rate.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${EVENTS_NUM}", events.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${MAX_EMIT_SPEED}", maxEmitSpeed ? "true" : "false", StringComparison.Ordinal)
            .Replace("${SEED}", seed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${BASE_TIME}", baseTime.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${SIDE_INPUT}", sideInputPath, StringComparison.Ordinal)
            .Replace("'connector' = 'blackhole'", $"'connector' = '{sinkConnector}'", StringComparison.Ordinal);
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("nexmark/" + name)
            ?? throw new InvalidOperationException($"The benchmark script '{name}' is not embedded in the CLI.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
