using System.Globalization;

namespace Sluice.Connectors.Kafka.CrashJob;

/// <summary>
/// The SQL job of the Kafka crash test: reads a JSON topic to its end as of the first start and writes every record,
/// transformed, to another topic with the exactly-once sink. Shared by the job program and the test (which derives the
/// expected output from <see cref="Transform"/>).
/// </summary>
public static class CrashScript
{
    /// <summary>The input value of record <paramref name="id"/>.</summary>
    public static string Input(long id) => $"{{\"id\":{id.ToString(CultureInfo.InvariantCulture)},\"name\":\"n{id.ToString(CultureInfo.InvariantCulture)}\"}}";

    /// <summary>The output value the job writes for record <paramref name="id"/>.</summary>
    public static string Transform(long id) =>
        $"{{\"id\":{(id * 10).ToString(CultureInfo.InvariantCulture)},\"name\":\"N{id.ToString(CultureInfo.InvariantCulture)}\"}}";

    /// <summary>The script.</summary>
    public static string Sql(string bootstrap, string input, string output, string prefix) => $"""
        CREATE TABLE src (id BIGINT, name STRING) WITH (
          'connector' = 'kafka', 'topic' = '{input}', 'properties.bootstrap.servers' = '{bootstrap}',
          'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        CREATE TABLE dst (id BIGINT, name STRING) WITH (
          'connector' = 'kafka', 'topic' = '{output}', 'properties.bootstrap.servers' = '{bootstrap}',
          'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = '{prefix}',
          'sink.commit-log-topic' = '{output}-commits');
        INSERT INTO dst SELECT id * 10, UPPER(name) FROM src;
        """;
}
