using Sluice.Connectors.Abstractions.Table;
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

    /// <summary>The clock connectors see when they are created.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A directory relative source paths are also looked up in (the script's), or null.</summary>
    public string? ScriptDirectory { get; init; }
}
