using System.Globalization;
using System.Text.RegularExpressions;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Sink;
using Sluice.Connectors.Kafka.Source;

namespace Sluice.Connectors.Kafka.Table;

/// <summary>
/// Reads the options the two Kafka connectors share and checks what a <see cref="ConnectorDescriptor"/> cannot express
/// (pairs of options that need each other), naming the option in every error.
/// </summary>
internal sealed class KafkaTableConfig
{
    /// <summary>The value format whose decoder finds fields by name, so it can be given only the fields a job reads.</summary>
    private const string JsonFormat = "json";

    private readonly TableContext _context;
    private readonly OptionReader _options;
    private readonly string _owner;

    public KafkaTableConfig(TableContext context, ConnectorDescriptor descriptor)
    {
        _context = context;
        _options = context.GetOptions(descriptor);
        _owner = descriptor.ToString();
        Properties = context.Options
            .Where(p => p.Key.StartsWith(KafkaOptions.PropertiesPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[KafkaOptions.PropertiesPrefix.Length..], p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The librdkafka properties.</summary>
    public Dictionary<string, string> Properties { get; }

    public string Owner => _owner;

    public OptionReader Options => _options;

    public TableOptionException Error(string option, string message) =>
        new($"Invalid options of table '{_context.TableName}' for {_owner}: {message}", option, _owner);

    /// <summary>The topics (one or a ';'-separated list) and the pattern; exactly one of them is set.</summary>
    public (IReadOnlyList<string> Topics, Regex? Pattern) ReadTopics()
    {
        var topic = _options.GetOptionalString(KafkaOptions.Topic);
        var pattern = _options.GetOptionalString(KafkaOptions.TopicPattern);
        if (topic is not null && pattern is not null)
        {
            throw Error(KafkaOptions.TopicPattern, $"set either '{KafkaOptions.Topic}' or '{KafkaOptions.TopicPattern}', not both.");
        }

        if (pattern is not null)
        {
            try
            {
                return ([], new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (ArgumentException ex)
            {
                throw Error(KafkaOptions.TopicPattern, $"'{pattern}' is not a valid regular expression: {ex.Message}");
            }
        }

        if (topic is null)
        {
            throw Error(KafkaOptions.Topic, $"the option '{KafkaOptions.Topic}' (or '{KafkaOptions.TopicPattern}' for a source) is required.");
        }

        var topics = topic.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (topics.Length == 0)
        {
            throw Error(KafkaOptions.Topic, "no topic is named.");
        }

        return (topics, null);
    }

    /// <summary>The single topic a sink writes to.</summary>
    public string ReadSinkTopic()
    {
        var (topics, pattern) = ReadTopics();
        if (pattern is not null || topics.Count != 1)
        {
            throw Error(pattern is not null ? KafkaOptions.TopicPattern : KafkaOptions.Topic,
                "a sink writes to exactly one topic: set 'topic' to a single name.");
        }

        return topics[0];
    }

    /// <summary>The start of a fresh scan.</summary>
    public (StartupMode Mode, IReadOnlyDictionary<int, long> Offsets, long Timestamp) ReadStartup(StartupMode defaultMode)
    {
        var mode = _options.GetOptionalChoice(KafkaOptions.StartupMode) switch
        {
            "earliest-offset" => StartupMode.EarliestOffset,
            "latest-offset" => StartupMode.LatestOffset,
            "timestamp" => StartupMode.Timestamp,
            "specific-offsets" => StartupMode.SpecificOffsets,
            "group-offsets" => StartupMode.GroupOffsets,
            _ => defaultMode,
        };
        var offsets = mode == StartupMode.SpecificOffsets
            ? ParseOffsets(KafkaOptions.StartupSpecificOffsets, Required(KafkaOptions.StartupSpecificOffsets, KafkaOptions.StartupMode, "specific-offsets"))
            : new Dictionary<int, long>();
        var timestamp = mode == StartupMode.Timestamp
            ? RequiredLong(KafkaOptions.StartupTimestamp, KafkaOptions.StartupMode, "timestamp")
            : 0;
        if (mode == StartupMode.GroupOffsets && !Properties.ContainsKey("group.id"))
        {
            throw Error("properties.group.id",
                $"'{KafkaOptions.StartupMode}' = 'group-offsets' (the default) needs 'properties.group.id'; or choose another startup mode.");
        }

        return (mode, offsets, timestamp);
    }

    /// <summary>The end of a bounded scan.</summary>
    public (BoundedMode Mode, IReadOnlyDictionary<int, long> Offsets, long Timestamp) ReadBounded()
    {
        var mode = _options.GetOptionalChoice(KafkaOptions.BoundedMode) switch
        {
            "latest-offset" => BoundedMode.LatestOffset,
            "group-offsets" => BoundedMode.GroupOffsets,
            "timestamp" => BoundedMode.Timestamp,
            "specific-offsets" => BoundedMode.SpecificOffsets,
            _ => BoundedMode.Unbounded,
        };
        var offsets = mode == BoundedMode.SpecificOffsets
            ? ParseOffsets(KafkaOptions.BoundedSpecificOffsets, Required(KafkaOptions.BoundedSpecificOffsets, KafkaOptions.BoundedMode, "specific-offsets"))
            : new Dictionary<int, long>();
        var timestamp = mode == BoundedMode.Timestamp ? RequiredLong(KafkaOptions.BoundedTimestamp, KafkaOptions.BoundedMode, "timestamp") : 0;
        if (mode == BoundedMode.GroupOffsets && !Properties.ContainsKey("group.id"))
        {
            throw Error("properties.group.id", $"'{KafkaOptions.BoundedMode}' = 'group-offsets' needs 'properties.group.id'.");
        }

        return (mode, offsets, timestamp);
    }

    /// <summary>The discovery interval, or null when discovery is off.</summary>
    public TimeSpan? ReadDiscoveryInterval()
    {
        var interval = _options.GetOptionalDuration(KafkaOptions.DiscoveryInterval);
        return interval is { } value && value > TimeSpan.Zero ? value : null;
    }

    /// <summary>The sink's guarantee, transactional-id prefix and commit-log topic.</summary>
    public (DeliveryGuarantee Guarantee, string Prefix, string CommitLog) ReadDelivery()
    {
        var chosen = _options.Contains(KafkaOptions.DeliveryGuarantee) || !_options.Contains(KafkaOptions.SinkSemantic)
            ? _options.GetOptionalChoice(KafkaOptions.DeliveryGuarantee)
            : _options.GetOptionalChoice(KafkaOptions.SinkSemantic);
        var guarantee = chosen switch
        {
            "none" => DeliveryGuarantee.None,
            "exactly-once" => DeliveryGuarantee.ExactlyOnce,
            _ => DeliveryGuarantee.AtLeastOnce,
        };
        var prefix = _options.GetOptionalString(KafkaOptions.TransactionalIdPrefix) ?? "";
        if (guarantee == DeliveryGuarantee.ExactlyOnce && string.IsNullOrWhiteSpace(prefix))
        {
            var option = _options.Contains(KafkaOptions.DeliveryGuarantee) ? KafkaOptions.DeliveryGuarantee : KafkaOptions.SinkSemantic;
            throw Error(KafkaOptions.TransactionalIdPrefix,
                $"'{option}' = 'exactly-once' needs '{KafkaOptions.TransactionalIdPrefix}' (unique per job and sink).");
        }

        if (prefix.Contains('/', StringComparison.Ordinal))
        {
            throw Error(KafkaOptions.TransactionalIdPrefix, $"the prefix '{prefix}' must not contain '/'.");
        }

        var log = _options.GetOptionalString(KafkaOptions.CommitLogTopic) ?? KafkaOptions.DefaultCommitLogTopic;
        return (guarantee, prefix, log);
    }

    /// <summary>The format chosen by <paramref name="formatKey"/>.</summary>
    public IFormatFactory Format(string formatKey) => _context.GetFormat(formatKey);

    /// <summary>
    /// Where the columns live in a record, with the key columns <paramref name="keyFields"/> and the value's fields per
    /// <c>value.fields-include</c> and <c>key.fields-prefix</c> (which needs <c>EXCEPT_KEY</c>).
    /// </summary>
    /// <param name="keyFields">The key columns in key order (empty: no key fields).</param>
    /// <param name="keyFieldsOption">What named the key fields (<c>key.fields</c>, <c>PRIMARY KEY</c>), for messages.</param>
    public KafkaRowLayout ReadLayout(IReadOnlyList<string> keyFields, string keyFieldsOption)
    {
        var exceptKey = _options.GetOptionalChoice(KafkaOptions.ValueFieldsInclude) == "EXCEPT_KEY";
        var prefix = _options.GetOptionalString(KafkaOptions.KeyFieldsPrefix) ?? "";
        if (prefix.Length > 0 && !exceptKey)
        {
            throw Error(KafkaOptions.KeyFieldsPrefix,
                $"'{KafkaOptions.KeyFieldsPrefix}' needs '{KafkaOptions.ValueFieldsInclude}' = 'EXCEPT_KEY'.");
        }

        return KafkaRowLayout.Create(_context, _owner, keyFields, exceptKey, prefix, keyFieldsOption);
    }

    /// <summary>
    /// The source settings both connectors share: the topics, the end of a bounded scan, and the decoders of the value
    /// format (chosen by <paramref name="valueFormatKey"/>) and of <c>key.format</c> when the layout has key fields, each
    /// checked by creating one. A <c>json</c> value decodes only the fields the job reads (<see cref="TableContext.Reads"/>).
    /// </summary>
    /// <returns>The options (start at the group offsets, no discovery, not upsert: the connector sets those) and the value format.</returns>
    public (KafkaSourceOptions Options, IFormatFactory ValueFormat) ReadSource(IReadOnlyList<string> topics, Regex? pattern,
        KafkaRowLayout layout, string valueFormatKey)
    {
        var (bounded, boundedOffsets, boundedTimestamp) = ReadBounded();
        var valueFormat = Format(valueFormatKey);
        var valueOptions = _context.GetFormatOptions(valueFormat, valueFormatKey);
        valueFormat.CreateDecoder(layout.ValueSchema, valueOptions).Dispose();
        if (_context.Reads is { IsEverything: false } reads && valueFormat.Name == JsonFormat)
        {
            layout = layout.Project(reads);
        }

        Func<IBatchDecoder>? keyDecoder = null;
        if (layout.KeySchema is { } keySchema)
        {
            var keyFormat = Format(KafkaOptions.KeyFormat);
            var keyOptions = _context.GetFormatOptions(keyFormat, KafkaOptions.KeyFormat);
            keyFormat.CreateDecoder(keySchema, keyOptions).Dispose();
            keyDecoder = () => keyFormat.CreateDecoder(keySchema, keyOptions);
        }

        var valueSchema = layout.ValueSchema;
        return (new KafkaSourceOptions
        {
            TableName = _context.TableName,
            Topics = topics,
            TopicPattern = pattern,
            Properties = Properties,
            BoundedMode = bounded,
            BoundedOffsets = boundedOffsets,
            BoundedTimestamp = boundedTimestamp,
            Layout = layout,
            CreateValueDecoder = () => valueFormat.CreateDecoder(valueSchema, valueOptions),
            CreateKeyDecoder = keyDecoder,
        }, valueFormat);
    }

    /// <summary>
    /// The sink settings both connectors share: the delivery guarantee and the encoders of the value format (chosen by
    /// <paramref name="valueFormatKey"/>) and of <c>key.format</c> when the layout has key fields.
    /// </summary>
    /// <returns>The options (default partitioner, not upsert: the connector sets those) and the value format.</returns>
    public (KafkaSinkOptions Options, IFormatFactory ValueFormat) ReadSink(string topic, KafkaRowLayout layout, string valueFormatKey)
    {
        var (guarantee, prefix, commitLog) = ReadDelivery();
        var valueFormat = Format(valueFormatKey);
        IBatchEncoder? keyEncoder = null;
        if (layout.KeySchema is { } keySchema)
        {
            var keyFormat = Format(KafkaOptions.KeyFormat);
            keyEncoder = keyFormat.CreateEncoder(keySchema, _context.GetFormatOptions(keyFormat, KafkaOptions.KeyFormat));
        }

        return (new KafkaSinkOptions
        {
            TableName = _context.TableName,
            Topic = topic,
            Properties = Properties,
            Layout = layout,
            ValueEncoder = valueFormat.CreateEncoder(layout.ValueSchema, _context.GetFormatOptions(valueFormat, valueFormatKey)),
            KeyEncoder = keyEncoder,
            Guarantee = guarantee,
            TransactionalIdPrefix = prefix,
            CommitLogTopic = commitLog,
        }, valueFormat);
    }

    private string Required(string option, string modeOption, string mode) =>
        _options.GetOptionalString(option) ?? throw Error(option, $"'{modeOption}' = '{mode}' needs '{option}'.");

    private long RequiredLong(string option, string modeOption, string mode) =>
        _options.GetOptionalInt64(option) ?? throw Error(option, $"'{modeOption}' = '{mode}' needs '{option}'.");

    /// <summary>Parses <c>partition:0,offset:42;partition:1,offset:300</c>.</summary>
    private Dictionary<int, long> ParseOffsets(string option, string text)
    {
        var result = new Dictionary<int, long>();
        foreach (var entry in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int? partition = null;
            long? offset = null;
            foreach (var part in entry.Split(',', StringSplitOptions.TrimEntries))
            {
                var colon = part.IndexOf(':', StringComparison.Ordinal);
                var name = colon < 0 ? part : part[..colon].Trim();
                var value = colon < 0 ? "" : part[(colon + 1)..].Trim();
                if (name == "partition" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
                {
                    partition = p;
                }
                else if (name == "offset" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var o))
                {
                    offset = o;
                }
                else
                {
                    partition = null;
                    break;
                }
            }

            if (partition is null || offset is null)
            {
                throw Error(option, $"'{entry}' in '{text}' is not of the form 'partition:<n>,offset:<n>'.");
            }

            result[partition.Value] = offset.Value;
        }

        return result;
    }
}
