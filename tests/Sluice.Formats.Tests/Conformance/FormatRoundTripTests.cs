using System.Buffers;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;

namespace Sluice.Formats.Tests.Conformance;

/// <summary>
/// The conformance kit of a row format: rows encoded and decoded again must come back unchanged, whether the decoder
/// gets the whole buffer at once, the buffer split in pieces, or one byte at a time. A format's test class supplies
/// the factory, a schema, its options and sample rows covering every type it supports and nulls.
/// </summary>
public abstract class FormatRoundTripTests
{
    /// <summary>The format under test.</summary>
    protected abstract IFormatFactory Factory { get; }

    /// <summary>The schema of the sample rows.</summary>
    protected abstract Schema Schema { get; }

    /// <summary>Sample rows as boxed values (see ColumnVectorBuilder), with their kinds.</summary>
    protected abstract IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows { get; }

    /// <summary>The format's options, keys without the format prefix.</summary>
    protected virtual IReadOnlyDictionary<string, string> Options { get; } = new Dictionary<string, string>();

    /// <summary>The rows expected after a round trip, in Flink's notation (default: the sample rows themselves).</summary>
    protected virtual IReadOnlyList<string> ExpectedRows => RowStrings(SampleRows);

    [Fact]
    public void RoundTrip_WholeBuffer_ReproducesEveryRow()
    {
        var bytes = EncodeSamples();

        Assert.Equal(ExpectedRows, DecodeChunks(bytes, bytes.Length));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void RoundTrip_SplitBuffers_ReproducesEveryRow(int chunkSize)
    {
        var bytes = EncodeSamples();

        Assert.Equal(ExpectedRows, DecodeChunks(bytes, chunkSize));
    }

    [Fact]
    public void RoundTrip_EverySplitPoint_ReproducesEveryRow()
    {
        var bytes = EncodeSamples();
        for (var split = 0; split <= bytes.Length; split++)
        {
            Assert.Equal(ExpectedRows, Decode([bytes.AsMemory(0, split), bytes.AsMemory(split)]));
        }
    }

    [Fact]
    public void RoundTrip_ByteByByte_ReproducesEveryRow()
    {
        var bytes = EncodeSamples();

        Assert.Equal(ExpectedRows, DecodeChunks(bytes, 1));
    }

    [Fact]
    public void RoundTrip_WithoutFinalLineBreak_ReadsTheLastRecord()
    {
        var bytes = EncodeSamples();
        Assert.Equal((byte)'\n', bytes[^1]);

        Assert.Equal(ExpectedRows, DecodeChunks(bytes[..^1], 5));
    }

    [Fact]
    public void Encode_SameRowsTwice_SameBytes()
    {
        Assert.Equal(EncodeSamples(), EncodeSamples());
    }

    [Fact]
    public void Encode_OneEncoderOnSeveralThreads_SameBytes()
    {
        // IBatchEncoder is thread-safe: the file sink shares one encoder between its parallel writers.
        var encoder = CreateEncoder();
        var expected = EncodeSamples(encoder);

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(expected, EncodeSamples(encoder));
            }
        });
    }

    [Fact]
    public void Encode_BatchWithSelection_WritesOnlyTheSelectedRows()
    {
        using var batch = BuildSamples().WithSelection([SampleRows.Count - 1]);
        var output = new ArrayBufferWriter<byte>();
        CreateEncoder().Encode(batch, output);

        Assert.Equal([ExpectedRows[^1]], DecodeChunks(output.WrittenSpan.ToArray(), 16));
    }

    [Fact]
    public void Decode_EveryRecordSeparately_ReportsRowCountsAndNoSkips()
    {
        var bytes = EncodeSamples();
        using var decoder = CreateDecoder();
        var rest = bytes.AsSpan();
        var rows = 0;
        while (decoder.TryFrame(rest, isFinalBlock: true, out var length, out var consumed))
        {
            rows += decoder.Decode(rest[..length], RecordLocation.Line("test", 1));
            rest = rest[consumed..];
        }

        Assert.Equal(ExpectedRows.Count, rows);
        Assert.Equal(rows, decoder.PendingRows);
        Assert.Equal(0, decoder.SkippedRecords);
        using var batch = decoder.Flush();
        Assert.NotNull(batch);
        Assert.Null(decoder.Flush());
    }

    /// <summary>An option reader over <see cref="Options"/> with the format's prefix.</summary>
    protected OptionReader CreateOptions() =>
        new(Options.ToDictionary(p => Factory.Name + "." + p.Key, p => p.Value), Factory.Descriptor, Factory.Name + ".");

    protected IBatchDecoder CreateDecoder() => Factory.CreateDecoder(Schema, CreateOptions());

    protected Sluice.Connectors.Abstractions.Formats.IBatchEncoder CreateEncoder() => Factory.CreateEncoder(Schema, CreateOptions());

    /// <summary>The rows in Flink's notation, as a batch of them prints.</summary>
    protected IReadOnlyList<string> RowStrings(IEnumerable<(RowKind Kind, object?[] Values)> rows)
    {
        using var builder = new RecordBatchBuilder(Schema);
        foreach (var (kind, values) in rows)
        {
            builder.AppendRow(kind, values);
        }

        using var batch = builder.Build();
        return batch.ToRowStrings();
    }

    private RecordBatch BuildSamples()
    {
        using var builder = new RecordBatchBuilder(Schema);
        foreach (var (kind, values) in SampleRows)
        {
            builder.AppendRow(kind, values);
        }

        return builder.Build();
    }

    private byte[] EncodeSamples(Sluice.Connectors.Abstractions.Formats.IBatchEncoder? encoder = null)
    {
        using var batch = BuildSamples();
        var output = new ArrayBufferWriter<byte>();
        (encoder ?? CreateEncoder()).Encode(batch, output);
        return output.WrittenSpan.ToArray();
    }

    private List<string> DecodeChunks(byte[] bytes, int chunkSize)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            chunks.Add(bytes.AsMemory(i, Math.Min(chunkSize, bytes.Length - i)));
        }

        return Decode(chunks);
    }

    /// <summary>Feeds the chunks as a stream reader would: frame complete records, keep the rest for the next chunk.</summary>
    private List<string> Decode(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        using var decoder = CreateDecoder();
        var pending = new List<byte>();
        var line = 1L;
        var result = new List<string>();
        void Drain(bool final)
        {
            var buffer = pending.ToArray();
            var offset = 0;
            while (decoder.TryFrame(buffer.AsSpan(offset), final, out var length, out var consumed))
            {
                decoder.Decode(buffer.AsSpan(offset, length), RecordLocation.Line("test", line));
                line += buffer.AsSpan(offset, consumed).Count((byte)'\n');
                offset += consumed;
            }

            pending.RemoveRange(0, offset);
            using var batch = decoder.Flush();
            if (batch is not null)
            {
                Assert.Equal(Schema, batch.Schema);
                result.AddRange(batch.ToRowStrings());
            }
        }

        foreach (var chunk in chunks)
        {
            pending.AddRange(chunk.ToArray());
            Drain(final: false);
        }

        Drain(final: true);
        Assert.Empty(pending);
        Assert.Equal(0, decoder.SkippedRecords);
        return result;
    }
}
