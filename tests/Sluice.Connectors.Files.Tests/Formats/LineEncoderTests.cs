using System.Buffers;
using System.Text;
using Sluice.Connectors.Files.Formats;
using Sluice.Core.Batches;
using Xunit;

namespace Sluice.Connectors.Files.Tests.Formats;

public sealed class LineEncoderTests
{
    [Fact]
    public void Encode_WritesOneUtf8LinePerRow()
    {
        using var batch = new ElementBatch<int>(4);
        batch.Add(1);
        batch.Add(22);
        batch.Add(-3);
        var output = new ArrayBufferWriter<byte>();

        LineEncoder.ForElements<int>(i => $"n={i}€").Encode(batch, output);

        Assert.Equal("n=1€\nn=22€\nn=-3€\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Encode_PassesBatchAndRowToTheFormatter()
    {
        using var batch = new ElementBatch<string>(2, withTimestamps: true);
        batch.Add("a", 100);
        batch.Add("b", 200);
        var output = new ArrayBufferWriter<byte>();

        new LineEncoder((b, row) => $"{row}@{b.Timestamps[row]}").Encode(batch, output);

        Assert.Equal("0@100\n1@200\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
