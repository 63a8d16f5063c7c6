using Sluice.Core.Batches;
using Xunit;

namespace Sluice.Core.Tests.Batches;

public class RowKindTests
{
    [Theory]
    [InlineData(RowKind.Insert, "+I", true)]
    [InlineData(RowKind.UpdateBefore, "-U", false)]
    [InlineData(RowKind.UpdateAfter, "+U", true)]
    [InlineData(RowKind.Delete, "-D", false)]
    public void ToShortString_EachKind_MatchesFlink(RowKind kind, string shortString, bool additive)
    {
        Assert.Equal(shortString, kind.ToShortString());
        Assert.Equal(additive, kind.IsAdditive());
        Assert.Equal(kind, RowKindExtensions.ParseShortString(shortString));
    }

    [Fact]
    public void ByteValues_MatchFlink()
    {
        Assert.Equal(0, (byte)RowKind.Insert);
        Assert.Equal(1, (byte)RowKind.UpdateBefore);
        Assert.Equal(2, (byte)RowKind.UpdateAfter);
        Assert.Equal(3, (byte)RowKind.Delete);
    }

    [Fact]
    public void ParseShortString_Unknown_Throws() => Assert.Throws<FormatException>(() => RowKindExtensions.ParseShortString("+X"));

    [Fact]
    public void ToShortString_UndefinedValue_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => ((RowKind)9).ToShortString());
}
