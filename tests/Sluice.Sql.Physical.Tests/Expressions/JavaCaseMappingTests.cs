using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// <c>UPPER</c>, <c>LOWER</c> and <c>INITCAP</c> of non-ASCII text as Flink computes them: Java's
/// <c>String.toUpperCase</c>/<c>toLowerCase</c> (full mappings of SpecialCasing.txt, final sigma) and Flink's
/// ASCII-only <c>INITCAP</c>.
/// </summary>
public sealed class JavaCaseMappingTests
{
    [Theory]
    [InlineData("straße", "STRASSE")]
    [InlineData("ŉ", "ʼN")]
    [InlineData("ǰ", "J̌")]
    [InlineData("ΐ", "Ϊ́")]
    [InlineData("ΰ", "Ϋ́")]
    [InlineData("և", "ԵՒ")]
    [InlineData("ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ", "FF FI FL FFI FFL ST ST")]
    [InlineData("ᾳ", "ΑΙ")]
    [InlineData("ı", "I")]
    [InlineData("Zürich 😀 日本", "ZÜRICH 😀 日本")]
    public void Upper_UsesJavasFullMappings(string text, string expected) =>
        Assert.Equal(expected, Value($"UPPER('{text}')"));

    [Theory]
    [InlineData("İ", "i\u0307")]
    [InlineData("ΟΔΟΣ", "οδος")]
    [InlineData("ΟΔΟΣ ΣΟΦΟΣ", "οδος σοφος")]
    [InlineData("Σ", "σ")]
    [InlineData("ΣΑ", "σα")]
    [InlineData("ZÜRICH ẞ", "zürich ß")]
    public void Lower_DotsCapitalIAndEndsWordsWithFinalSigma(string text, string expected) =>
        Assert.Equal(expected, Value($"LOWER('{text}')"));

    [Theory]
    [InlineData("hELLO wORLD", "Hello World")]
    [InlineData("éCOLE", "éCole")]
    [InlineData("straße", "StraßE")]
    [InlineData("über alles", "üBer Alles")]
    [InlineData("a1b2 3c", "A1b2 3c")]
    public void InitCap_OnlyAsciiLettersAndDigitsMakeWords(string text, string expected) =>
        Assert.Equal(expected, Value($"INITCAP('{text}')"));

    [Fact]
    public void Upper_OfAColumn_MapsEachRow()
    {
        Matches("UPPER(CONCAT(s, 'ß'))", v => v[4] is string s ? s.ToUpperInvariant().Replace("ß", "SS", StringComparison.Ordinal) + "SS" : null);
    }
}
