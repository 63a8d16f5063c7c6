using System.Text.Json;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Formats.Common;
using Sluice.Formats.Json;

namespace Sluice.Formats.Debezium;

/// <summary>Decodes Debezium change events into changelog rows (see <see cref="DebeziumJsonFormatFactory"/>); not thread-safe.</summary>
internal sealed class DebeziumJsonDecoder : RowDecoderBase
{
    private readonly JsonRowReader _rows;
    private readonly bool _schemaInclude;
    private readonly RowStage _before;
    private readonly RowStage _after;

    public DebeziumJsonDecoder(Schema schema, JsonOptions options, bool schemaInclude)
        : base(DebeziumJsonFormatFactory.FormatName, schema, options.IgnoreErrors)
    {
        _rows = new JsonRowReader(schema, options);
        _schemaInclude = schemaInclude;
        _before = new RowStage(schema);
        _after = new RowStage(schema);
    }

    protected override int DecodeRecord(ReadOnlySpan<byte> record)
    {
        var trimmed = ScalarText.Trim(record);
        if (trimmed.IsEmpty || trimmed.SequenceEqual("null"u8))
        {
            return 0;
        }

        Envelope envelope;
        try
        {
            var reader = new Utf8JsonReader(record, isFinalBlock: true, default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new RecordParseError(null, $"expected a JSON object, found {ScalarText.Show(record)}");
            }

            envelope = _schemaInclude ? ReadWrapped(ref reader, record) : ReadEnvelope(ref reader, record, topLevel: true);
        }
        catch (JsonException ex)
        {
            throw new RecordParseError(null, "malformed JSON: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new RecordParseError(null, "malformed JSON: " + ex.Message, ex);
        }

        switch (envelope.Op)
        {
            case "c" or "r":
                Require(envelope.HasAfter, "after", envelope.Op);
                Commit(_after, RowKind.Insert);
                _before.Reset();
                return 1;
            case "u":
                Require(envelope.HasBefore, "before", envelope.Op);
                Require(envelope.HasAfter, "after", envelope.Op);
                Commit(_before, RowKind.UpdateBefore);
                Commit(_after, RowKind.UpdateAfter);
                return 2;
            case "d":
                Require(envelope.HasBefore, "before", envelope.Op);
                Commit(_before, RowKind.Delete);
                _after.Reset();
                return 1;
            case null:
                throw new RecordParseError(null, "the change event has no \"op\" field");
            default:
                throw new RecordParseError(null, $"unknown \"op\" value '{envelope.Op}' (expected 'c', 'r', 'u' or 'd')");
        }
    }

    protected override void ResetStages()
    {
        _before.Reset();
        _after.Reset();
    }

    private static void Require(bool present, string field, string op)
    {
        if (!present)
        {
            var hint = field == "before"
                ? " (for the Debezium Postgres connector, set the table's REPLICA IDENTITY to FULL)"
                : "";
            throw new RecordParseError(null, $"the \"{field}\" field of an event with op '{op}' is null or missing{hint}");
        }
    }

    private void Commit(RowStage stage, RowKind kind)
    {
        stage.CommitTo(Builder);
        Builder.AppendRowKind(kind);
    }

    private Envelope ReadWrapped(ref Utf8JsonReader reader, ReadOnlySpan<byte> record)
    {
        Envelope? envelope = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPayload = reader.ValueTextEquals("payload"u8);
            reader.Read();
            if (isPayload && reader.TokenType == JsonTokenType.StartObject)
            {
                envelope = ReadEnvelope(ref reader, record, topLevel: false);
            }
            else
            {
                reader.Skip();
            }
        }

        return envelope ?? throw new RecordParseError(null,
            "expected a \"payload\" object ('debezium-json.schema-include' is true: the event must be {\"schema\": ..., \"payload\": ...})");
    }

    private Envelope ReadEnvelope(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, bool topLevel)
    {
        var envelope = default(Envelope);
        var sawSchema = false;
        var sawPayload = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("before"u8))
            {
                reader.Read();
                envelope.HasBefore = ReadImage(ref reader, record, _before, "before");
            }
            else if (reader.ValueTextEquals("after"u8))
            {
                reader.Read();
                envelope.HasAfter = ReadImage(ref reader, record, _after, "after");
            }
            else if (reader.ValueTextEquals("op"u8))
            {
                reader.Read();
                envelope.Op = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                sawSchema |= reader.ValueTextEquals("schema"u8);
                sawPayload |= reader.ValueTextEquals("payload"u8);
                reader.Read();
                reader.Skip();
            }
        }

        if (topLevel && envelope.Op is null && sawSchema && sawPayload)
        {
            throw new RecordParseError(null,
                "the event is wrapped as {\"schema\": ..., \"payload\": ...}: set 'debezium-json.schema-include' = 'true'");
        }

        return envelope;
    }

    private bool ReadImage(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, RowStage stage, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RecordParseError(null, $"expected the \"{field}\" field to be an object or null");
        }

        stage.Reset();
        _rows.ReadRow(ref reader, record, stage);
        return true;
    }

    private struct Envelope
    {
        public bool HasBefore;
        public bool HasAfter;
        public string? Op;
    }
}
