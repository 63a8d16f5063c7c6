using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Sluice.Cli.Commands;

namespace Sluice.Cli.Bench;

/// <summary>
/// <c>sluice bench nexmark [--queries q0,q5,...] [--events N] [--parallelism P] [--checkpoint-interval 10s]
/// [--output table|json] [--runs 3] [--baselines[=true|false]] [--rate N] [--event-rate N]</c>: see <see cref="NexmarkBenchRunner"/>.
/// </summary>
internal sealed class NexmarkBenchCommand : Command
{
    public NexmarkBenchCommand()
        : base("nexmark", "Run the Nexmark queries (q0-q22) on generated events into blackhole sinks and report their throughput.")
    {
        Queries = new Option<IReadOnlyList<string>?>("--queries", "-q")
        {
            Description = "The queries to run, separated by commas (default: all, q0-q22).",
            HelpName = "q0,q5,...",
            CustomParser = ParseQueries,
        };
        Events = new Option<long>("--events", "-n")
        {
            Description = "The events generated per run.",
            DefaultValueFactory = _ => 10_000_000,
            HelpName = "N",
            CustomParser = r => (long)ParsePositive(r, "--events"),
        };
        Parallelism = new Option<int>("--parallelism", "-p")
        {
            Description = "The parallelism of every operator, the source's included.",
            DefaultValueFactory = _ => 1,
            HelpName = "P",
            CustomParser = r => (int)Math.Min(ParsePositive(r, "--parallelism"), 1024),
        };
        CheckpointInterval = new Option<TimeSpan?>("--checkpoint-interval")
        {
            Description = "The interval of exactly-once checkpoints (into a temporary folder).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
            HelpName = "DURATION",
            CustomParser = DurationOption.Parse,
        };
        Output = new Option<string>("--output", "-o")
        {
            Description = "A table, or one JSON object per query and line.",
            DefaultValueFactory = _ => "table",
            HelpName = "table|json",
        };
        Output.AcceptOnlyFromAmong("table", "json");
        Runs = new Option<int>("--runs")
        {
            Description = "The runs per query; the figures are their medians.",
            DefaultValueFactory = _ => 3,
            HelpName = "N",
            CustomParser = r => (int)Math.Min(ParsePositive(r, "--runs"), 1000),
        };
        Baselines = new Option<bool?>("--baselines")
        {
            Description = "Also run the hand-written C# (q1, q2, q5) and Rx.NET (q0-q2, q5, q7) baselines over the same events " +
                "(default: on for table output, off for JSON).",
        };
        Rate = new Option<long?>("--rate")
        {
            Description = "Latency mode: the generator paces itself to this many events per second, and the latency from each " +
                "event's creation to the sink is reported (p50/p99, for queries whose sink has a dateTime column).",
            HelpName = "N",
            CustomParser = r => (long)ParsePositive(r, "--rate"),
        };
        EventRate = new Option<long?>("--event-rate")
        {
            Description = "The events per second of event time when generating at full speed (the source's first-event.rate; " +
                "default 10000000, Flink's setting): a lower rate spreads the same events over more event time, so windows " +
                "fire and state is cleaned up during the run. Not with --rate, whose pace is also the event time's rate.",
            HelpName = "N",
            CustomParser = r => (long)ParsePositive(r, "--event-rate"),
        };

        EngineOnly = new Option<bool>("--engine-only")
        {
            Description = "Generate each run's events into batches before the run and replay them from memory, so that the " +
                "figures leave generation out (the engine alone). Needs memory for all events; not with --rate.",
        };

        Set = new Option<IReadOnlyDictionary<string, string>?>("--set")
        {
            Description = "A session configuration entry key=value for every query, as SET 'key' = 'value' would make it " +
                "(repeatable). Every query runs with the mini-batch settings of Flink's Nexmark configuration " +
                "(table.exec.mini-batch.enabled=true, allow-latency=2s, size=50000) unless --set changes them, e.g. " +
                "--set table.exec.mini-batch.enabled=false, or adds others, e.g. --set table.optimizer.distinct-agg.split.enabled=true.",
            HelpName = "KEY=VALUE",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = ParseSettings,
        };

        Options.Add(Queries);
        Options.Add(Events);
        Options.Add(Parallelism);
        Options.Add(CheckpointInterval);
        Options.Add(Output);
        Options.Add(Runs);
        Options.Add(Baselines);
        Options.Add(Rate);
        Options.Add(EventRate);
        Options.Add(EngineOnly);
        Options.Add(Set);
        Validators.Add(result =>
        {
            if (result.GetValue(EngineOnly) && result.GetValue(Rate) is not null)
            {
                result.AddError("--engine-only and --rate cannot be combined: latency mode needs the paced generator.");
            }

            if (result.GetValue(EventRate) is not null && result.GetValue(Rate) is not null)
            {
                result.AddError("--event-rate and --rate cannot be combined: in latency mode the event time follows the pace of --rate.");
            }
        });
    }

    public Option<IReadOnlyList<string>?> Queries { get; }

    public Option<long> Events { get; }

    public Option<int> Parallelism { get; }

    public Option<TimeSpan?> CheckpointInterval { get; }

    public Option<string> Output { get; }

    public Option<int> Runs { get; }

    public Option<bool?> Baselines { get; }

    public Option<long?> Rate { get; }

    public Option<long?> EventRate { get; }

    public Option<bool> EngineOnly { get; }

    public Option<IReadOnlyDictionary<string, string>?> Set { get; }

    public NexmarkBenchSettings Bind(ParseResult result)
    {
        var json = result.GetValue(Output) == "json";
        return new NexmarkBenchSettings(
            result.GetValue(Queries) ?? NexmarkScripts.AllQueries,
            result.GetValue(Events),
            result.GetValue(Parallelism),
            result.GetValue(CheckpointInterval) ?? TimeSpan.FromSeconds(10),
            json,
            result.GetValue(Runs),
            result.GetValue(Baselines) ?? !json,
            result.GetValue(Rate),
            result.GetValue(EngineOnly),
            result.GetValue(Set),
            result.GetValue(EventRate));
    }

    private static IReadOnlyDictionary<string, string>? ParseSettings(ArgumentResult result)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in result.Tokens)
        {
            var equals = token.Value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                result.AddError($"--set takes key=value, not '{token.Value}'.");
                return null;
            }

            settings[token.Value[..equals].Trim()] = token.Value[(equals + 1)..].Trim();
        }

        return settings;
    }

    private static List<string> ParseQueries(ArgumentResult result)
    {
        var queries = new List<string>();
        foreach (var token in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var name = token.ToLowerInvariant();
            if (!NexmarkScripts.AllQueries.Contains(name))
            {
                result.AddError($"--queries: '{token}' is not a Nexmark query; the queries are q0 to q22.");
                return queries;
            }

            if (!queries.Contains(name))
            {
                queries.Add(name);
            }
        }

        if (queries.Count == 0)
        {
            result.AddError("--queries needs at least one query, e.g. q0,q5.");
        }

        return queries;
    }

    private static long ParsePositive(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Replace("_", "", StringComparison.Ordinal) : "";
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        result.AddError($"{option} must be a whole number of at least 1, not '{text}'.");
        return 1;
    }
}
