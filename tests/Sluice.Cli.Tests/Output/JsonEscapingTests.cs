using System.Text.Json;
using Sluice.Cli.Output;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Tests.Output;

/// <summary>
/// <c>--output json</c> escapes strings as Flink's Jackson does: only <c>"</c>, <c>\</c> and control characters;
/// emoji (outside the BMP), CJK and <c>&lt;&gt;&amp;'+</c> are written as UTF-8, in values, nested values and names.
/// </summary>
public class JsonEscapingTests
{
    private static string Run(Schema schema, params object?[] values)
    {
        var output = new StringWriter();
        var formatter = new JsonChangelogFormatter(output, schema, new ResultText(TimeZoneInfo.Utc));
        formatter.Start();
        using (var batch = Batches.Of(schema, Batches.R("+I", values)))
        {
            formatter.WriteBatch(batch);
        }

        formatter.Complete();
        return output.ToString();
    }

    [Theory]
    [InlineData("😀")]
    [InlineData("日本語 한국어")]
    [InlineData("<b>&'+</b>")]
    [InlineData("\u2028\u007F")]
    public void WriteBatch_NonAsciiAndHtmlCharacters_AreWrittenAsTheyAre(string value)
    {
        var line = Run(Schema.Of(new Field("s", DataTypes.String())), value);

        Assert.Equal("{\"op\":\"+I\",\"row\":{\"s\":\"" + value + "\"}}\n", line);
    }

    [Fact]
    public void WriteBatch_ControlCharacters_AreEscapedAsJackson()
    {
        var line = Run(Schema.Of(new Field("s", DataTypes.String())), "a\"\\\b\t\n\f\r\u0001");

        Assert.Equal("{\"op\":\"+I\",\"row\":{\"s\":\"a\\\"\\\\\\b\\t\\n\\f\\r\\u0001\"}}\n", line);
        using var parsed = JsonDocument.Parse(line);
        Assert.Equal("a\"\\\b\t\n\f\r\u0001", parsed.RootElement.GetProperty("row").GetProperty("s").GetString());
    }

    [Fact]
    public void WriteBatch_NestedValuesAndNames_KeepEmojiRaw()
    {
        var schema = Schema.Of(
            new Field("名前😀", DataTypes.Array(DataTypes.String())),
            new Field("m", DataTypes.Map(DataTypes.String(), DataTypes.String())));

        var line = Run(schema, new object?[] { "🎉" }, new KeyValuePair<object?, object?>[] { new("キー", "<v>") });

        Assert.Equal("{\"op\":\"+I\",\"row\":{\"名前😀\":[\"🎉\"],\"m\":{\"キー\":\"<v>\"}}}\n", line);
    }
}
