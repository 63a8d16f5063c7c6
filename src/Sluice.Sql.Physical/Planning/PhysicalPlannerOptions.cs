using System.Globalization;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.Sql.Physical.Session;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Planning;

/// <summary>What the physical planner needs besides the plan: connectors, parallelism, time zone, state TTL. Immutable.</summary>
public sealed record PhysicalPlannerOptions
{
    /// <summary>Creates options with the connectors of <paramref name="registry"/>.</summary>
    public PhysicalPlannerOptions(ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
    }

    /// <summary>The connectors and formats.</summary>
    public ConnectorRegistry Registry { get; init; }

    /// <summary>The parallelism of every operator that can run in parallel; default 1.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>The session time zone (<c>table.local-time-zone</c>).</summary>
    public TimeZoneInfo SessionTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The time-to-live of idle state of unbounded operators (<c>table.exec.state.ttl</c>), or null to keep it.</summary>
    public StateTtlConfig? StateTtl { get; init; }

    /// <summary>
    /// True when string and binary values written into a sink's <c>CHAR(n)</c>/<c>VARCHAR(n)</c> (<c>BINARY(n)</c>/
    /// <c>VARBINARY(n)</c>) columns are truncated to n, and padded to n for <c>CHAR</c>/<c>BINARY</c>
    /// (<c>table.exec.sink.type-length-enforcer</c> = <c>TRIM_PAD</c>); false (<c>IGNORE</c>, the default, as in Flink) to
    /// write them as they are.
    /// </summary>
    public bool TrimAndPadSinkStrings { get; init; }

    /// <summary>
    /// Mini-batch aggregation (<c>table.exec.mini-batch.enabled</c>, <c>.allow-latency</c>, <c>.size</c>), or null when
    /// disabled (the default).
    /// </summary>
    public MiniBatchOptions? MiniBatch { get; init; }

    /// <summary>How unbounded <c>GROUP BY</c>s are split into phases (<c>table.optimizer.agg-phase-strategy</c>); default <see cref="AggregatePhaseStrategy.Auto"/>.</summary>
    public AggregatePhaseStrategy AggregatePhaseStrategy { get; init; }

    /// <summary>
    /// The number of buckets <c>COUNT(DISTINCT x)</c> and the other distinct aggregates are split into
    /// (<c>table.optimizer.distinct-agg.split.enabled</c> and <c>.bucket-num</c>), or null when not split (the default).
    /// </summary>
    public int? DistinctSplitBuckets { get; init; }

    /// <summary>
    /// True (the default) when equal subtrees of a statement are translated once and their stream shared
    /// (<c>table.optimizer.reuse-sub-plan-enabled</c>; see <see cref="SubplanReuse"/>).
    /// </summary>
    public bool ReuseSubplans { get; init; } = true;

    /// <summary>
    /// True (the default) when scans of one table in a statement share one source, and so may the subtrees above them
    /// (<c>table.optimizer.reuse-source-enabled</c>; only with <see cref="ReuseSubplans"/>).
    /// </summary>
    public bool ReuseSources { get; init; } = true;

    /// <summary>When a sink with a primary key gets an upsert materializer (<c>table.exec.sink.upsert-materialize</c>); default <see cref="SinkUpsertMaterialize.Auto"/>.</summary>
    public SinkUpsertMaterialize UpsertMaterialize { get; init; }

    /// <summary>What a null in a sink's <c>NOT NULL</c> column does (<c>table.exec.sink.not-null-enforcer</c>); default <see cref="SinkNotNullEnforcer.Error"/>.</summary>
    public SinkNotNullEnforcer NotNullEnforcer { get; init; }

    /// <summary>The clock connectors see when they are created.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A directory relative source paths are also looked up in (the script's), or null.</summary>
    public string? ScriptDirectory { get; init; }

    /// <summary><c>table.exec.mini-batch.enabled</c>: <c>true</c> or <c>false</c> (the default).</summary>
    public const string MiniBatchEnabledKey = "table.exec.mini-batch.enabled";

    /// <summary><c>table.exec.mini-batch.allow-latency</c>: how long a buffered row may wait; required (positive) with mini-batch.</summary>
    public const string MiniBatchLatencyKey = "table.exec.mini-batch.allow-latency";

    /// <summary><c>table.exec.mini-batch.size</c>: the most rows a bundle buffers; required (positive) with mini-batch.</summary>
    public const string MiniBatchSizeKey = "table.exec.mini-batch.size";

    /// <summary><c>table.optimizer.agg-phase-strategy</c>: <c>AUTO</c> (the default), <c>ONE_PHASE</c> or <c>TWO_PHASE</c>.</summary>
    public const string AggregatePhaseStrategyKey = "table.optimizer.agg-phase-strategy";

    /// <summary><c>table.optimizer.distinct-agg.split.enabled</c>: <c>true</c> or <c>false</c> (the default).</summary>
    public const string DistinctSplitKey = "table.optimizer.distinct-agg.split.enabled";

    /// <summary><c>table.optimizer.distinct-agg.split.bucket-num</c>: the number of buckets of a split distinct aggregate; default 1024.</summary>
    public const string DistinctSplitBucketsKey = "table.optimizer.distinct-agg.split.bucket-num";

    /// <summary><c>table.exec.sink.upsert-materialize</c>: <c>AUTO</c> (the default), <c>NONE</c> or <c>FORCE</c>.</summary>
    public const string UpsertMaterializeKey = "table.exec.sink.upsert-materialize";

    /// <summary><c>table.exec.sink.not-null-enforcer</c>: <c>ERROR</c> (the default) or <c>DROP</c>.</summary>
    public const string NotNullEnforcerKey = "table.exec.sink.not-null-enforcer";

    /// <summary><c>table.optimizer.reuse-sub-plan-enabled</c>: <c>true</c> (the default) or <c>false</c>.</summary>
    public const string ReuseSubplansKey = "table.optimizer.reuse-sub-plan-enabled";

    /// <summary><c>table.optimizer.reuse-source-enabled</c>: <c>true</c> (the default) or <c>false</c>.</summary>
    public const string ReuseSourcesKey = "table.optimizer.reuse-source-enabled";

    /// <summary>The configuration keys <see cref="WithConfiguration"/> reads.</summary>
    public static IReadOnlyList<string> ConfigurationKeys { get; } =
    [
        MiniBatchEnabledKey, MiniBatchLatencyKey, MiniBatchSizeKey, AggregatePhaseStrategyKey, DistinctSplitKey, DistinctSplitBucketsKey,
        UpsertMaterializeKey, NotNullEnforcerKey, ReuseSubplansKey, ReuseSourcesKey,
    ];

    /// <summary>
    /// These options with the planner keys of <paramref name="configuration"/> applied (see <see cref="ConfigurationKeys"/>);
    /// keys it does not know are ignored.
    /// </summary>
    /// <exception cref="SluiceException">A value does not parse, or mini-batch is enabled without a positive latency and size.</exception>
    public PhysicalPlannerOptions WithConfiguration(IReadOnlyDictionary<string, string> configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var (key, value) in configuration)
        {
            ValidateOption(key, value);
        }

        MiniBatchOptions? miniBatch = null;
        if (configuration.TryGetValue(MiniBatchEnabledKey, out var enabled) && ParseBoolean(MiniBatchEnabledKey, enabled))
        {
            var latency = configuration.TryGetValue(MiniBatchLatencyKey, out var latencyText)
                ? SqlSession.ParseDuration(MiniBatchLatencyKey, latencyText)
                : TimeSpan.Zero;
            if (latency <= TimeSpan.Zero)
            {
                throw new SluiceException(
                    $"'{MiniBatchEnabledKey}' is true, so '{MiniBatchLatencyKey}' must be set to a positive duration (e.g. '5 s'), not {(latencyText is null ? "left unset" : $"'{latencyText}'")}.",
                    ErrorDomain.User);
            }

            var size = configuration.TryGetValue(MiniBatchSizeKey, out var sizeText) ? ParseSize(sizeText) : -1;
            if (size <= 0)
            {
                throw new SluiceException(
                    $"'{MiniBatchEnabledKey}' is true, so '{MiniBatchSizeKey}' must be set to a positive number of rows (e.g. '5000'), not {(sizeText is null ? "left unset" : $"'{sizeText}'")}.",
                    ErrorDomain.User);
            }

            miniBatch = new MiniBatchOptions(latency, size);
        }

        var strategy = configuration.TryGetValue(AggregatePhaseStrategyKey, out var strategyText)
            ? ParseStrategy(strategyText)
            : AggregatePhaseStrategy.Auto;
        int? buckets = null;
        if (configuration.TryGetValue(DistinctSplitKey, out var split) && ParseBoolean(DistinctSplitKey, split))
        {
            buckets = configuration.TryGetValue(DistinctSplitBucketsKey, out var bucketText) ? ParseBuckets(bucketText) : 1024;
        }

        var materialize = configuration.TryGetValue(UpsertMaterializeKey, out var materializeText)
            ? ParseUpsertMaterialize(materializeText)
            : SinkUpsertMaterialize.Auto;
        var notNull = configuration.TryGetValue(NotNullEnforcerKey, out var notNullText)
            ? ParseNotNullEnforcer(notNullText)
            : SinkNotNullEnforcer.Error;
        return this with
        {
            ReuseSubplans = !configuration.TryGetValue(ReuseSubplansKey, out var reuse) || ParseBoolean(ReuseSubplansKey, reuse),
            ReuseSources = !configuration.TryGetValue(ReuseSourcesKey, out var reuseSources) || ParseBoolean(ReuseSourcesKey, reuseSources),
            MiniBatch = miniBatch,
            AggregatePhaseStrategy = strategy,
            DistinctSplitBuckets = buckets,
            UpsertMaterialize = materialize,
            NotNullEnforcer = notNull,
        };
    }

    /// <summary>Checks the value of one of <see cref="ConfigurationKeys"/> on its own (other keys pass).</summary>
    /// <exception cref="SluiceException">The value does not parse.</exception>
    public static void ValidateOption(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        switch (key)
        {
            case MiniBatchEnabledKey:
                ParseBoolean(key, value);
                break;
            case MiniBatchLatencyKey:
                SqlSession.ParseDuration(key, value);
                break;
            case MiniBatchSizeKey:
                ParseSize(value);
                break;
            case AggregatePhaseStrategyKey:
                ParseStrategy(value);
                break;
            case DistinctSplitKey:
                ParseBoolean(key, value);
                break;
            case DistinctSplitBucketsKey:
                ParseBuckets(value);
                break;
            case UpsertMaterializeKey:
                ParseUpsertMaterialize(value);
                break;
            case NotNullEnforcerKey:
                ParseNotNullEnforcer(value);
                break;
            case ReuseSubplansKey or ReuseSourcesKey:
                ParseBoolean(key, value);
                break;
        }
    }

    private static bool ParseBoolean(string key, string text) =>
        bool.TryParse(text.Trim(), out var value)
            ? value
            : throw new SluiceException($"'{key}' must be true or false, not '{text}'.", ErrorDomain.User);

    private static long ParseSize(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size)
            ? size
            : throw new SluiceException($"'{MiniBatchSizeKey}' must be a number of rows, not '{text}'.", ErrorDomain.User);

    private static int ParseBuckets(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var buckets) && buckets > 0
            ? buckets
            : throw new SluiceException($"'{DistinctSplitBucketsKey}' must be a positive integer, not '{text}'.", ErrorDomain.User);

    private static AggregatePhaseStrategy ParseStrategy(string text) => text.Trim().ToUpperInvariant() switch
    {
        "AUTO" => AggregatePhaseStrategy.Auto,
        "ONE_PHASE" => AggregatePhaseStrategy.OnePhase,
        "TWO_PHASE" => AggregatePhaseStrategy.TwoPhase,
        _ => throw new SluiceException($"'{AggregatePhaseStrategyKey}' must be AUTO, ONE_PHASE or TWO_PHASE, not '{text}'.", ErrorDomain.User),
    };

    private static SinkUpsertMaterialize ParseUpsertMaterialize(string text) => text.Trim().ToUpperInvariant() switch
    {
        "AUTO" => SinkUpsertMaterialize.Auto,
        "NONE" => SinkUpsertMaterialize.None,
        "FORCE" => SinkUpsertMaterialize.Force,
        _ => throw new SluiceException($"'{UpsertMaterializeKey}' must be AUTO, NONE or FORCE, not '{text}'.", ErrorDomain.User),
    };

    private static SinkNotNullEnforcer ParseNotNullEnforcer(string text) => text.Trim().ToUpperInvariant() switch
    {
        "ERROR" => SinkNotNullEnforcer.Error,
        "DROP" => SinkNotNullEnforcer.Drop,
        _ => throw new SluiceException($"'{NotNullEnforcerKey}' must be ERROR or DROP, not '{text}'.", ErrorDomain.User),
    };
}
