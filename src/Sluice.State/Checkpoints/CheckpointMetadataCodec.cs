using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Core.Hashing;
using Sluice.Core.Messages;

namespace Sluice.State.Checkpoints;

/// <summary>
/// Writes and reads the <c>_metadata</c> file: a JSON object with <c>"format": "sluice-checkpoint"</c> and
/// <c>"version": 1</c> (or 2), then one trailer line <c>crc32c xxxxxxxx</c> holding the CRC-32C of every byte before it.
/// A truncated or edited file fails the checksum (or lacks the trailer) and is rejected.
/// </summary>
/// <remarks>Version 2 adds <c>"finished": true</c> on subtasks that wrote a finished marker instead of their state
/// (<see cref="SubtaskSnapshotMetadata.Finished"/>). It is written only when the metadata holds such a marker, so that a
/// Sluice reading only version 1 rejects it instead of restoring finished operators with empty state; everything else
/// is still written as version 1.
/// Written by hand with <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/>: no reflection, and
/// every missing or mistyped field is reported by name. Unknown fields are ignored (additions within a version).</remarks>
internal static class CheckpointMetadataCodec
{
    public const string FormatName = "sluice-checkpoint";
    public const int CurrentVersion = 2;

    /// <summary>The version written when no subtask is marked finished.</summary>
    private const int UnfinishedVersion = 1;

    private const string TrailerPrefix = "crc32c ";
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>Encodes <paramref name="metadata"/> as the bytes of a <c>_metadata</c> file.</summary>
    public static byte[] Encode(CheckpointMetadata metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", metadata.Operators.Any(o => o.Subtasks.Any(s => s.Finished)) ? CurrentVersion : UnfinishedVersion);
            json.WriteNumber("checkpointId", metadata.CheckpointId);
            json.WriteString("kind", KindName(metadata.Kind));
            json.WriteNumber("timestampMillis", metadata.TimestampMillis);
            json.WriteString("jobName", metadata.JobName);
            json.WriteNumber("maxParallelism", metadata.MaxParallelism);
            json.WriteStartArray("operators");
            foreach (var op in metadata.Operators)
            {
                json.WriteStartObject();
                json.WriteString("operatorId", op.OperatorId);
                json.WriteNumber("parallelism", op.Parallelism);
                json.WriteStartArray("subtasks");
                foreach (var subtask in op.Subtasks)
                {
                    json.WriteStartObject();
                    json.WriteNumber("subtaskIndex", subtask.SubtaskIndex);
                    if (subtask.Finished)
                    {
                        json.WriteBoolean("finished", true);
                    }

                    if (subtask.KeyedState is { } keyed)
                    {
                        json.WriteStartObject("keyedState");
                        json.WriteNumber("keyGroupStart", keyed.KeyGroupStart);
                        json.WriteNumber("keyGroupEnd", keyed.KeyGroupEnd);
                        WriteHandleFields(json, keyed.Handle);
                        json.WriteEndObject();
                    }

                    if (subtask.OperatorState is { } opState)
                    {
                        json.WriteStartObject("operatorState");
                        WriteHandleFields(json, opState);
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("properties");
            foreach (var (key, value) in metadata.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        var crc = Crc32C.Compute(buffer.WrittenSpan);
        buffer.Write(Encoding.ASCII.GetBytes(TrailerPrefix + crc.ToString("x8", CultureInfo.InvariantCulture) + "\n"));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes and verifies a <c>_metadata</c> file.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated, fail the checksum or are not valid metadata;
    /// the message says what is wrong.</exception>
    public static CheckpointMetadata Decode(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < 2 || bytes[^1] != (byte)'\n')
        {
            throw new InvalidDataException("the file is empty or truncated (it does not end with the checksum line)");
        }

        var trailerStart = bytes[..^1].LastIndexOf((byte)'\n') + 1;
        if (trailerStart == 0)
        {
            throw new InvalidDataException("the file is truncated (no checksum line)");
        }

        var trailer = Encoding.ASCII.GetString(bytes[trailerStart..^1]);
        if (!trailer.StartsWith(TrailerPrefix, StringComparison.Ordinal)
            || !uint.TryParse(trailer.AsSpan(TrailerPrefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
                out var expected))
        {
            throw new InvalidDataException("the file is truncated or edited (its last line is not a 'crc32c' checksum)");
        }

        var body = bytes[..trailerStart];
        var actual = Crc32C.Compute(body);
        if (actual != expected)
        {
            throw new InvalidDataException(
                $"checksum mismatch (stored crc32c {expected:x8}, computed {actual:x8}): the file is corrupt or was edited");
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return Read(document.RootElement, path);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"invalid JSON: {ex.Message}", ex);
        }
    }

    private static CheckpointMetadata Read(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("the JSON body is not an object");
        }

        var format = RequireString(root, "format");
        if (format != FormatName)
        {
            throw new InvalidDataException($"unknown format '{format}' (expected '{FormatName}')");
        }

        var version = RequireInt32(root, "version");
        if (version is < UnfinishedVersion or > CurrentVersion)
        {
            throw new InvalidDataException(version > CurrentVersion
                ? $"version {version} was written by a newer Sluice (this one reads version {CurrentVersion})"
                : $"unsupported version {version}");
        }

        var operators = new List<OperatorSnapshotMetadata>();
        foreach (var op in RequireArray(root, "operators"))
        {
            var subtasks = new List<SubtaskSnapshotMetadata>();
            foreach (var subtask in RequireArray(op, "subtasks"))
            {
                KeyedStateHandle? keyed = null;
                if (TryGetObject(subtask, "keyedState", out var keyedElement))
                {
                    keyed = new KeyedStateHandle(
                        RequireInt32(keyedElement, "keyGroupStart"),
                        RequireInt32(keyedElement, "keyGroupEnd"),
                        ReadHandle(keyedElement));
                }

                StateHandle? opState = null;
                if (TryGetObject(subtask, "operatorState", out var opStateElement))
                {
                    opState = ReadHandle(opStateElement);
                }

                var finished = subtask.TryGetProperty("finished", out var finishedElement)
                    && (finishedElement.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? finishedElement.GetBoolean()
                        : throw new InvalidDataException($"field 'finished' is {finishedElement.ValueKind}, expected a boolean"));
                subtasks.Add(new SubtaskSnapshotMetadata(RequireInt32(subtask, "subtaskIndex"), keyed, opState, finished));
            }

            operators.Add(new OperatorSnapshotMetadata(RequireString(op, "operatorId"), RequireInt32(op, "parallelism"), subtasks));
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (TryGetObject(root, "properties", out var propertiesElement))
        {
            foreach (var property in propertiesElement.EnumerateObject())
            {
                properties[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw new InvalidDataException($"property '{property.Name}' is not a string");
            }
        }

        return new CheckpointMetadata(
            RequireInt64(root, "checkpointId"),
            ParseKind(RequireString(root, "kind")),
            RequireInt64(root, "timestampMillis"),
            RequireString(root, "jobName"),
            RequireInt32(root, "maxParallelism"),
            operators,
            properties)
        {
            Path = path,
        };
    }

    private static void WriteHandleFields(Utf8JsonWriter json, StateHandle handle)
    {
        json.WriteString("file", handle.RelativePath);
        json.WriteNumber("length", handle.Length);
        json.WriteString("crc32c", handle.Crc32C.ToString("x8", CultureInfo.InvariantCulture));
    }

    private static StateHandle ReadHandle(JsonElement element)
    {
        var crcText = RequireString(element, "crc32c");
        if (!uint.TryParse(crcText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var crc))
        {
            throw new InvalidDataException($"'crc32c' value '{crcText}' is not a hexadecimal checksum");
        }

        return new StateHandle(RequireString(element, "file"), RequireInt64(element, "length"), crc);
    }

    private static string KindName(CheckpointKind kind) => kind switch
    {
        CheckpointKind.Checkpoint => "checkpoint",
        CheckpointKind.Savepoint => "savepoint",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown checkpoint kind."),
    };

    private static CheckpointKind ParseKind(string name) => name switch
    {
        "checkpoint" => CheckpointKind.Checkpoint,
        "savepoint" => CheckpointKind.Savepoint,
        _ => throw new InvalidDataException($"unknown kind '{name}'"),
    };

    private static JsonElement Require(JsonElement element, string name, JsonValueKind kind)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw new InvalidDataException($"missing field '{name}'");
        }

        if (value.ValueKind != kind)
        {
            throw new InvalidDataException($"field '{name}' is {value.ValueKind}, expected {kind}");
        }

        return value;
    }

    private static bool TryGetObject(JsonElement element, string name, out JsonElement value)
    {
        if (!element.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"field '{name}' is {value.ValueKind}, expected Object");
        }

        return true;
    }

    private static string RequireString(JsonElement element, string name) => Require(element, name, JsonValueKind.String).GetString()!;

    private static JsonElement.ArrayEnumerator RequireArray(JsonElement element, string name) =>
        Require(element, name, JsonValueKind.Array).EnumerateArray();

    private static long RequireInt64(JsonElement element, string name) =>
        Require(element, name, JsonValueKind.Number).TryGetInt64(out var value)
            ? value
            : throw new InvalidDataException($"field '{name}' is not a 64-bit integer");

    private static int RequireInt32(JsonElement element, string name) =>
        Require(element, name, JsonValueKind.Number).TryGetInt32(out var value)
            ? value
            : throw new InvalidDataException($"field '{name}' is not a 32-bit integer");
}
