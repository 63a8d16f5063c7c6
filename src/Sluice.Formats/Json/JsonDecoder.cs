using System.Text.Json;
using Sluice.Core.Schemas;
using Sluice.Formats.Common;

namespace Sluice.Formats.Json;

/// <summary>Decodes one JSON object per record into a row (see <see cref="JsonFormatFactory"/>); not thread-safe.</summary>
internal sealed class JsonDecoder : RowDecoderBase
{
    private readonly JsonRowReader _rows;
    private readonly RowStage _stage;

    public JsonDecoder(Schema schema, JsonOptions options)
        : base(JsonFormatFactory.FormatName, schema, options.IgnoreErrors)
    {
        _rows = new JsonRowReader(schema, options);
        _stage = new RowStage(schema);
    }

    protected override int DecodeRecord(ReadOnlySpan<byte> record)
    {
        if (ScalarText.Trim(record).IsEmpty)
        {
            return 0;
        }

        try
        {
            var reader = new Utf8JsonReader(record, isFinalBlock: true, default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new RecordParseError(null, $"expected a JSON object, found {ScalarText.Show(record)}");
            }

            _rows.ReadRow(ref reader, record, _stage);
            if (reader.Read())
            {
                throw new RecordParseError(null, "unexpected data after the JSON object");
            }
        }
        catch (JsonException ex)
        {
            throw new RecordParseError(null, "malformed JSON: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new RecordParseError(null, "malformed JSON: " + ex.Message, ex);
        }

        _stage.CommitTo(Builder);
        return 1;
    }

    protected override void ResetStages() => _stage.Reset();
}
