using System.Globalization;

namespace Sluice.Server.Tests.Support;

/// <summary>Scripts for tests: a slow bounded sequence into an exactly-once file sink, and readers of its committed output.</summary>
internal static class Scripts
{
    public static string SequenceToFiles(string outputDirectory, long rows, long rowsPerSecond) => $"""
        CREATE TABLE numbers (id BIGINT) WITH (
          'connector' = 'datagen', 'rows-per-second' = '{rowsPerSecond}', 'number-of-rows' = '{rows}',
          'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '{rows}');
        CREATE TABLE sink (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '{outputDirectory}', 'format' = 'csv');
        INSERT INTO sink SELECT id FROM numbers;
        """;

    public static string Unbounded(string sinkOptions = "'connector' = 'blackhole'") => $"""
        CREATE TABLE events (id BIGINT, name STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '200', 'fields.id.kind' = 'sequence',
          'fields.id.start' = '1', 'fields.id.end' = '1000000000', 'fields.name.length' = '5');
        CREATE TABLE sink (id BIGINT, name STRING) WITH ({sinkOptions});
        INSERT INTO sink SELECT id, name FROM events WHERE id > 0;
        """;

    /// <summary>The values of every committed file (names not starting with '.') under <paramref name="directory"/>.</summary>
    public static List<long> CommittedValues(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 0)
            .Select(l => long.Parse(l, CultureInfo.InvariantCulture))];
    }
}
