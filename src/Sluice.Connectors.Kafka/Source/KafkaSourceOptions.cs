using System.Text.RegularExpressions;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Table;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>The configuration of a <see cref="KafkaSource"/>, parsed from a table's options. Immutable.</summary>
internal sealed record KafkaSourceOptions
{
    /// <summary>The table's name, for messages.</summary>
    public required string TableName { get; init; }

    /// <summary>The topics to read; empty when <see cref="TopicPattern"/> is set.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The pattern of the topics to read (matched against the whole name), or null.</summary>
    public Regex? TopicPattern { get; init; }

    /// <summary>The librdkafka properties (<c>properties.*</c> without the prefix).</summary>
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>Where reading starts on a fresh start.</summary>
    public StartupMode StartupMode { get; init; } = StartupMode.GroupOffsets;

    /// <summary>Offsets by partition for <see cref="Source.StartupMode.SpecificOffsets"/>.</summary>
    public IReadOnlyDictionary<int, long> StartupOffsets { get; init; } = new Dictionary<int, long>();

    /// <summary>The start timestamp (epoch ms) for <see cref="Source.StartupMode.Timestamp"/>.</summary>
    public long StartupTimestamp { get; init; }

    /// <summary>Where a bounded scan ends.</summary>
    public BoundedMode BoundedMode { get; init; } = BoundedMode.Unbounded;

    /// <summary>End offsets by partition for <see cref="Source.BoundedMode.SpecificOffsets"/>.</summary>
    public IReadOnlyDictionary<int, long> BoundedOffsets { get; init; } = new Dictionary<int, long>();

    /// <summary>The end timestamp (epoch ms) for <see cref="Source.BoundedMode.Timestamp"/>.</summary>
    public long BoundedTimestamp { get; init; }

    /// <summary>How often new partitions are looked for (unbounded scans only), or null for never.</summary>
    public TimeSpan? DiscoveryInterval { get; init; }

    /// <summary>Where the columns live in a record.</summary>
    public required KafkaRowLayout Layout { get; init; }

    /// <summary>Creates a decoder of the value format for <see cref="KafkaRowLayout.ValueSchema"/>.</summary>
    public required Func<IBatchDecoder> CreateValueDecoder { get; init; }

    /// <summary>Creates a decoder of the key format for <see cref="KafkaRowLayout.KeySchema"/>, or null without key fields.</summary>
    public Func<IBatchDecoder>? CreateKeyDecoder { get; init; }

    /// <summary>True for <c>upsert-kafka</c>: a record without value is a deletion of its key.</summary>
    public bool Upsert { get; init; }

    /// <summary>The most records one poll takes from the client (one poll is a bounded amount of work).</summary>
    public int MaxRecordsPerPoll { get; init; } = 2048;

    /// <summary>How long a metadata or offset request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True when the topic (a name or a pattern match) is subscribed.</summary>
    public bool Includes(string topic) =>
        TopicPattern is null ? Topics.Contains(topic, StringComparer.Ordinal) : TopicPattern.IsMatch(topic);
}
