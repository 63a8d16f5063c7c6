using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Planning;

/// <summary>
/// Constant folding of <c>UPPER</c>/<c>LOWER</c> folds ASCII text only: other text follows Java's full case mappings
/// (<c>UPPER('straße')</c> is <c>STRASSE</c>), which the runtime computes.
/// </summary>
public class CaseFoldingTests
{
    [Fact]
    public void Upper_OfAsciiConstant_IsFolded() =>
        Assert.Contains("'ABC'", Plan("SELECT UPPER('abc') FROM T").Explain(), StringComparison.Ordinal);

    [Theory]
    [InlineData("UPPER('straße')", "STRAßE")]
    [InlineData("LOWER('ΟΔΟΣ')", "οδοσ")]
    public void CaseOfNonAsciiConstant_IsNotFoldedWithDotNetsMappings(string expression, string wrong)
    {
        var explain = Plan($"SELECT {expression} FROM T").Explain();

        Assert.DoesNotContain(wrong, explain, StringComparison.Ordinal);
        Assert.Contains(expression[..5], explain, StringComparison.Ordinal);
    }
}
