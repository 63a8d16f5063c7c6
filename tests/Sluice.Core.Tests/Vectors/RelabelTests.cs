using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Core.Tests.Vectors;

/// <summary>
/// <see cref="ColumnVector.WithType"/>: a flat vector's values under another type of the same storage, shared rather
/// than copied (an expression typed <c>STRING</c> over a <c>VARCHAR(n)</c> column).
/// </summary>
public class RelabelTests
{
    [Fact]
    public void WithType_SharesTheValuesAndNullsUnderTheNewTypeUntilTheLastOwnerIsDone()
    {
        using var tracker = BufferLeakTracker.Start();
        var vector = ColumnVectorTests.Build(DataTypes.VarChar(3), ["abc", null, "x", ""]);
        var view = (BytesVector)vector.WithType(DataTypes.String());
        vector.Dispose();

        Assert.Equal(DataTypes.String(), view.DataType);
        Assert.Equal(["abc", null, "x", ""], Enumerable.Range(0, 4).Select(view.GetString));
        Assert.Equal(1, view.NullCount);
        Assert.NotEqual(0, tracker.Outstanding);
        view.Dispose();
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void WithType_DoesNotCopyPrimitiveValues_AndKeepsItsOwnNullBitmap()
    {
        using var vector = (PrimitiveVector<long>)ColumnVectorTests.Build(DataTypes.Timestamp(3), [1L, null, 3L]);
        using var view = (PrimitiveVector<long>)vector.WithType(DataTypes.Timestamp(6));
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref vector.Values[0], ref view.Values[0]));
        view.SetNull(0);
        Assert.False(vector.IsNull(0));
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(view.IsNull));
        Assert.Equal(3L, view.Values[2]);
    }

    [Fact]
    public void WithType_OfTheSameType_IsTheVectorItself()
    {
        using var vector = ColumnVectorTests.Build(DataTypes.BigInt(), [1L]);
        using var same = vector.WithType(DataTypes.BigInt());
        Assert.Same(vector, same);
    }

    [Fact]
    public void WithType_RelabelsARowFieldByField()
    {
        using var tracker = BufferLeakTracker.Start();
        var narrow = DataTypes.Row(DataTypes.Field("a", DataTypes.VarChar(1)), DataTypes.Field("b", DataTypes.BigInt()));
        var wide = DataTypes.Row(DataTypes.Field("a", DataTypes.String()), DataTypes.Field("b", DataTypes.BigInt()));
        var vector = ColumnVectorTests.Build(narrow, [new object?[] { "xyz", 1L }, null, new object?[] { null, 3L }]);
        var view = (StructVector)vector.WithType(wide);
        vector.Dispose();

        Assert.Equal(wide, view.DataType);
        Assert.Equal(DataTypes.String(), view.Child(0).DataType);
        Assert.Equal("xyz", ((BytesVector)view.Child(0)).GetString(0));
        Assert.True(view.IsNull(1));
        Assert.Equal(new object?[] { null, 3L }, (object?[])view.GetValue(2)!);
        view.Dispose();
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void WithType_RefusesAnotherStorageAndArrays()
    {
        using var longs = ColumnVectorTests.Build(DataTypes.BigInt(), [1L]);
        Assert.Throws<ArgumentException>(() => longs.WithType(DataTypes.Int()));
        using var arrays = ColumnVectorTests.Build(DataTypes.Array(DataTypes.VarChar(3)), [null]);
        Assert.Throws<ArgumentException>(() => arrays.WithType(DataTypes.Array(DataTypes.String())));
    }
}
