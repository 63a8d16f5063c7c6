using Sluice.Cli.Output;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Tests.Output;

public class CsvTableFormatterTests
{
    private static readonly Schema Schema = Schema.Of(
        new Field("name", DataTypes.String()),
        new Field("amount", DataTypes.Decimal(6, 2)),
        new Field("at", DataTypes.Timestamp(3)));

    private static string Run(params Sluice.Core.Batches.RecordBatch[] batches)
    {
        var output = new StringWriter();
        var formatter = new CsvTableFormatter(output, Schema, ResultText.Utc);
        formatter.Start();
        foreach (var batch in batches)
        {
            using (batch)
            {
                formatter.WriteBatch(batch);
                Assert.Equal("", output.ToString());
            }
        }

        formatter.Complete();
        return output.ToString();
    }

    [Fact]
    public void Complete_TheFinalTable_HeaderThenRowsWithCrLf()
    {
        var output = Run(
            Batches.Of(Schema, Batches.R("+I", "ann", 1.5m, new DateTime(2024, 1, 1, 10, 0, 0)), Batches.R("+I", "bob", 2m, null)),
            Batches.Of(Schema, Batches.R("-U", "ann", 1.5m, new DateTime(2024, 1, 1, 10, 0, 0)), Batches.R("+U", "ann", 3m, new DateTime(2024, 1, 2, 0, 0, 0))));

        Assert.Equal("name,amount,at\r\nann,3.00,2024-01-02 00:00:00.000\r\nbob,2.00,\r\n", output);
    }

    [Fact]
    public void Complete_DeletedRows_AreNotWritten()
    {
        var output = Run(
            Batches.Of(Schema, Batches.R("+I", "a", 1m, null), Batches.R("+I", "b", 1m, null), Batches.R("-D", "a", 1m, null)));

        Assert.Equal("name,amount,at\r\nb,1.00,\r\n", output);
    }

    [Fact]
    public void Complete_NoRows_OnlyTheHeader()
    {
        Assert.Equal("name,amount,at\r\n", Run());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "\"\"")]
    public void Escape_Rfc4180(string value, string expected)
    {
        Assert.Equal(expected, CsvTableFormatter.Escape(value));
    }

    [Fact]
    public void Complete_NullAndEmptyString_AreDistinguished()
    {
        var output = Run(Batches.Of(Schema, Batches.R("+I", null, null, null), Batches.R("+I", "", 0m, null)));

        Assert.Equal("name,amount,at\r\n,,\r\n\"\",0.00,\r\n", output);
    }
}
