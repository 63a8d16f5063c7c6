using System.Buffers;
using System.Text;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Formats.Csv;
using Sluice.Formats.Debezium;
using Sluice.Formats.Json;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Temporal;

/// <summary>
/// The csv, json and debezium-json formats read and write the nine fraction digits of <c>TIMESTAMP(7..9)</c> and
/// <c>TIMESTAMP_LTZ(7..9)</c>, stored as nanoseconds since 1970; text outside the nanosecond range is a parse error
/// (skipped and counted with ignore-parse-errors).
/// </summary>
public class TimestampNanosFormatTests
{
    private static readonly CsvFormatFactory Csv = new();
    private static readonly JsonFormatFactory Json = new();
    private static readonly DebeziumJsonFormatFactory Debezium = new();

    private static readonly Schema Nanos = Schema.Of(F("id", DataTypes.Int()), F("ts", DataTypes.Timestamp(9)), F("lt", DataTypes.TimestampLtz(9)));

    /// <summary>Nanoseconds since 1970 of a wall-clock time plus <paramref name="nanosOfSecond"/>.</summary>
    private static long EpochNanos(int year, int month, int day, int hour, int minute, int second, long nanosOfSecond) =>
        ((new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100) + nanosOfSecond;

    private static RecordBatch Decode(IBatchDecoder decoder, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text).AsSpan();
        var line = 1L;
        while (decoder.TryFrame(bytes, isFinalBlock: true, out var length, out var consumed))
        {
            decoder.Decode(bytes[..length], RecordLocation.Line("file test.txt", line++));
            bytes = bytes[consumed..];
        }

        return decoder.Flush() ?? throw new InvalidOperationException("no rows");
    }

    private static long[] Longs(RecordBatch batch, int column) => [.. ((PrimitiveVector<long>)batch.Column(column)).Values];

    private static string EncodeStored(Connectors.Abstractions.Formats.IBatchEncoder encoder, Schema schema, params long[][] rows)
    {
        using var builder = new RecordBatchBuilder(schema);
        foreach (var row in rows)
        {
            builder.AppendRow([(int)row[0], row[1], row[2]]);
        }

        using var batch = builder.Build();
        var output = new ArrayBufferWriter<byte>();
        encoder.Encode(batch, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Csv_Decode_KeepsNanoseconds()
    {
        using var decoder = Csv.CreateDecoder(Nanos, Options(Csv));

        using var batch = Decode(decoder,
            "1,2024-01-01 10:00:00.123456789,2024-01-01T12:00:00.000000001+02:00\n2,1969-12-31 23:59:59.999999999,1970-01-01T00:00:00Z\n");

        Assert.Equal([EpochNanos(2024, 1, 1, 10, 0, 0, 123_456_789), -1], Longs(batch, 1));
        Assert.Equal([EpochNanos(2024, 1, 1, 10, 0, 0, 1), 0], Longs(batch, 2));
    }

    [Fact]
    public void Csv_Encode_WritesNanoseconds()
    {
        var text = EncodeStored(Csv.CreateEncoder(Nanos, Options(Csv)), Nanos,
            [1, EpochNanos(2024, 1, 1, 10, 0, 0, 123_456_789), EpochNanos(2024, 1, 1, 10, 0, 0, 1)],
            [2, -1, EpochNanos(2024, 1, 1, 10, 0, 0, 120_000_000)]);

        Assert.Equal(
            "1,2024-01-01 10:00:00.123456789,2024-01-01 10:00:00.000000001Z\n" +
            "2,1969-12-31 23:59:59.999999999,2024-01-01 10:00:00.12Z\n", text);
    }

    [Fact]
    public void Csv_RoundTrip_OfNanoseconds_IsExact()
    {
        var lines = "7,2262-04-11 23:47:16.854775807,1677-09-21 00:12:43.145224192Z\n";
        using var decoder = Csv.CreateDecoder(Nanos, Options(Csv));
        using var batch = Decode(decoder, lines);
        var output = new ArrayBufferWriter<byte>();
        Csv.CreateEncoder(Nanos, Options(Csv)).Encode(batch, output);

        Assert.Equal([long.MaxValue], Longs(batch, 1));
        Assert.Equal([long.MinValue], Longs(batch, 2));
        Assert.Equal(lines, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Csv_LowerPrecision_TruncatesTheDigitsBelowIt()
    {
        var schema = Schema.Of(F("a", DataTypes.Timestamp(7)), F("b", DataTypes.Timestamp(3)));
        using var decoder = Csv.CreateDecoder(schema, Options(Csv));

        using var batch = Decode(decoder, "2024-01-01 10:00:00.123456789,2024-01-01 10:00:00.123456789\n");

        Assert.Equal([EpochNanos(2024, 1, 1, 10, 0, 0, 123_456_700)], Longs(batch, 0));
        Assert.Equal([EpochNanos(2024, 1, 1, 10, 0, 0, 123_000_000) / 1000], Longs(batch, 1));
    }

    [Fact]
    public void Csv_OutOfTheNanosecondRange_IsAParseErrorNamingTheRange()
    {
        using var decoder = Csv.CreateDecoder(Nanos, Options(Csv));

        var error = Assert.Throws<FormatParseException>(() => Decode(decoder, "1,2262-04-12 00:00:00,1970-01-01 00:00:00Z\n"));

        Assert.Contains("'2262-04-12 00:00:00'", error.Message, StringComparison.Ordinal);
        Assert.Contains(TimestampUnit.NanosRangeText, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_IgnoreParseErrors_SkipsAndCountsOutOfRangeTimestamps()
    {
        using var decoder = Csv.CreateDecoder(Nanos, Options(Csv, ("ignore-parse-errors", "true")));

        using var batch = Decode(decoder, "1,1600-01-01 00:00:00,1970-01-01 00:00:00Z\n2,2024-01-01 00:00:00.000000002,1970-01-01 00:00:00Z\n");

        Assert.Equal([EpochNanos(2024, 1, 1, 0, 0, 0, 2)], Longs(batch, 1));
        Assert.Equal(1, decoder.SkippedRecords);
    }

    [Fact]
    public void Json_RoundTrip_KeepsNanoseconds()
    {
        const string Line = "{\"id\":1,\"ts\":\"2024-01-01 10:00:00.123456789\",\"lt\":\"2024-01-01 10:00:00.000000007Z\"}\n";
        using var decoder = Json.CreateDecoder(Nanos, Options(Json));
        using var batch = Decode(decoder, Line);
        var output = new ArrayBufferWriter<byte>();
        Json.CreateEncoder(Nanos, Options(Json)).Encode(batch, output);

        Assert.Equal([EpochNanos(2024, 1, 1, 10, 0, 0, 123_456_789)], Longs(batch, 1));
        Assert.Equal([EpochNanos(2024, 1, 1, 10, 0, 0, 7)], Longs(batch, 2));
        Assert.Equal(Line, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Json_IsoStandard_WritesNanosecondsWithT()
    {
        var text = EncodeStored(Json.CreateEncoder(Nanos, Options(Json, ("timestamp-format.standard", "ISO-8601"))), Nanos,
            [1, EpochNanos(2024, 1, 1, 10, 0, 0, 5), EpochNanos(2024, 1, 1, 10, 0, 0, 123_456_789)]);

        Assert.Equal("{\"id\":1,\"ts\":\"2024-01-01T10:00:00.000000005\",\"lt\":\"2024-01-01T10:00:00.123456789Z\"}\n", text);
    }

    [Fact]
    public void DebeziumJson_ReadsAndWritesNanoseconds()
    {
        using var decoder = Debezium.CreateDecoder(Nanos, Options(Debezium));
        using var batch = Decode(decoder,
            "{\"before\":null,\"after\":{\"id\":1,\"ts\":\"2024-01-01 10:00:00.123456789\",\"lt\":\"1969-12-31 23:59:59.999999999Z\"},\"op\":\"c\"}\n");
        var output = new ArrayBufferWriter<byte>();
        Debezium.CreateEncoder(Nanos, Options(Debezium)).Encode(batch, output);

        Assert.Equal([EpochNanos(2024, 1, 1, 10, 0, 0, 123_456_789)], Longs(batch, 1));
        Assert.Equal([-1L], Longs(batch, 2));
        var written = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.Contains("\"ts\":\"2024-01-01 10:00:00.123456789\"", written, StringComparison.Ordinal);
        Assert.Contains("\"lt\":\"1969-12-31 23:59:59.999999999Z\"", written, StringComparison.Ordinal);
    }
}
