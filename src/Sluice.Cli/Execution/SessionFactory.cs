using Sluice.Cli.Output;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Blackhole;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Connectors.Builtin.Print;
using Sluice.Connectors.Files.Source;
using Sluice.Connectors.Kafka.Table;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Connectors.Postgres;
using Sluice.Formats;
using Sluice.Sql.Physical.Session;

namespace Sluice.Cli.Execution;

/// <summary>The connectors of the CLI's sessions, and what the CLI reads from a session's configuration.</summary>
internal static class SessionFactory
{
    /// <summary>
    /// Every format and connector: the standard formats, <c>filesystem</c>, <c>datagen</c>, <c>blackhole</c>, and
    /// <c>print</c> writing to the console's standard output and error.
    /// </summary>
    public static ConnectorRegistry CreateRegistry(CliConsole console) =>
        new ConnectorRegistry()
            .AddStandardFormats()
            .Add(new PrintTableFactory(console.Out, console.Error))
            .Add(new BlackholeTableFactory())
            .Add(new DatagenTableFactory())
            .Add(new FileSystemTableFactory())
            .Add(new KafkaTableFactory())
            .Add(new UpsertKafkaTableFactory())
            .Add(new NexmarkTableFactory())
            .AddPostgresConnectors();

    /// <summary>The widest column of tableau output (<c>'sql-client.display.max-column-width'</c>, default 30).</summary>
    public static int MaxColumnWidthOf(SqlSession session) =>
        session.Configuration.TryGetValue(ResultFormatters.MaxColumnWidthKey, out var text)
        && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width)
        && width >= 4
            ? width
            : TableauLayout.DefaultMaxColumnWidth;
}
