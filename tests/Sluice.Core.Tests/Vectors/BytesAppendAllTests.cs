using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Core.Tests.Vectors;

/// <summary><see cref="BytesVectorBuilder.AppendAll"/> appends every value and null of a vector after what the builder holds.</summary>
public sealed class BytesAppendAllTests
{
    [Fact]
    public void AppendsValuesAndNullsAfterEarlierValues()
    {
        using var sourceBuilder = new BytesVectorBuilder(DataTypes.String());
        string?[] values = ["ab", null, "", "Zürich", null, "xyz"];
        foreach (var value in values)
        {
            sourceBuilder.Append(value);
        }

        using var source = (BytesVector)sourceBuilder.Build();
        using var builder = new BytesVectorBuilder(DataTypes.String(), 2);
        builder.Append("first");
        var appended = builder.AppendAll(source);
        Assert.Equal(Encoding.UTF8.GetByteCount("abZürichxyz"), appended.Length);
        appended[0] = (byte)'A';
        builder.AppendNull();
        using var result = (BytesVector)builder.Build();

        string?[] expected = ["first", "Ab", null, "", "Zürich", null, "xyz", null];
        Assert.Equal(expected.Length, result.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result.GetString(i));
            Assert.Equal(expected[i] is null, result.IsNull(i));
        }
    }

    [Fact]
    public void AnEmptyVectorAppendsNothing()
    {
        using var empty = (BytesVector)new BytesVectorBuilder(DataTypes.String()).Build();
        using var builder = new BytesVectorBuilder(DataTypes.String());
        Assert.Equal(0, builder.AppendAll(empty).Length);
        Assert.Equal(0, builder.Count);
    }
}
