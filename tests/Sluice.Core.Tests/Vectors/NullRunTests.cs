using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Xunit;

namespace Sluice.Core.Tests.Vectors;

/// <summary>
/// Runs of nulls: <see cref="ColumnVectorBuilder.AppendNulls"/>, the lazily padded children of null ROWs, and
/// <see cref="ColumnVector.WithNulls"/> (a vector's values shared under an added null mask, as a ROW's field access does).
/// </summary>
public class NullRunTests
{
    public static TheoryData<string> CaseNames() => new(VectorCases.Names);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void AppendNulls_EveryKind_EqualsAppendingTheNullsOneByOne(string name)
    {
        var (type, values) = VectorCases.Get(name);
        using var tracker = BufferLeakTracker.Start();
        var expected = values.Take(1).Concat(Enumerable.Repeat<object?>(null, 70)).Concat(values.Skip(1)).Append(null).ToArray();
        using (var builder = ColumnVectorBuilder.Create(type, capacity: 1))
        {
            builder.Append(values[0]);
            builder.AppendNulls(70);
            builder.AppendNulls(0);
            foreach (var value in values.Skip(1))
            {
                builder.Append(value);
            }

            builder.AppendNulls(1);
            Assert.Equal(expected.Length, builder.Count);
            using var vector = builder.Build();
            ColumnVectorTests.AssertValues(expected, vector);
            Assert.Equal(expected.Count(v => v is null), vector.NullCount);
        }

        tracker.AssertNoLeaks();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void WithNulls_EveryKind_AddsTheMaskAndKeepsTheValuesAliveUntilTheLastOwnerIsDone(string name)
    {
        var (type, values) = VectorCases.Get(name);
        using var tracker = BufferLeakTracker.Start();
        var mask = new ulong[(values.Length + 63) / 64];
        for (var i = 0; i < values.Length; i += 3)
        {
            mask[i >> 6] |= 1UL << i;
        }

        var vector = ColumnVectorTests.Build(type, values);
        var view = vector.WithNulls(mask);
        vector.Dispose();

        ColumnVectorTests.AssertValues(values.Select((v, i) => i % 3 == 0 ? null : v).ToArray(), view);
        Assert.Equal(values.Where((v, i) => i % 3 == 0 || v is null).Count(), view.NullCount);
        Assert.NotEqual(0, tracker.Outstanding);
        view.Dispose();
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void WithNulls_SharesTheValuesInsteadOfCopyingThem()
    {
        using var vector = (PrimitiveVector<long>)ColumnVectorTests.Build(DataTypes.BigInt(), [1L, 2L, 3L]);
        using var view = (PrimitiveVector<long>)vector.WithNulls([0b010UL]);
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref vector.Values[0], ref view.Values[0]));
        Assert.Equal([1L, null, 3L], Enumerable.Range(0, 3).Select(view.GetValue));
        Assert.False(vector.IsNull(1));
    }

    [Fact]
    public void StructBuilder_NullRowsBetweenRows_GiveEveryChildANullSlotInPlace()
    {
        var type = DataTypes.Row(DataTypes.Field("a", DataTypes.BigInt()), DataTypes.Field("b", DataTypes.String()));
        using var tracker = BufferLeakTracker.Start();
        using (var builder = new StructVectorBuilder(type, capacity: 2))
        {
            var a = (PrimitiveVectorBuilder<long>)builder.Child(0);
            var b = (BytesVectorBuilder)builder.Child(1);
            builder.AppendNull();
            builder.AppendNulls(66);
            builder.AppendRow();
            a.Append(7L);
            b.Append("x");
            builder.AppendNull();
            Assert.Equal(69, builder.Count);
            Assert.Equal(69, builder.Child(0).Count); // asking for a child pads it

            builder.AppendRow();
            a.Append(8L);
            b.Append("y");
            builder.AppendNulls(2);
            using var vector = (StructVector)builder.Build();

            var expected = Enumerable.Repeat<object?>(null, 67).Append(new object?[] { 7L, "x" }).Append(null)
                .Append(new object?[] { 8L, "y" }).Concat([null, null]).ToArray();
            ColumnVectorTests.AssertValues(expected, vector);
            Assert.Equal(expected.Select(v => v is null).ToArray(), Enumerable.Range(0, 72).Select(vector.Child(0).IsNull).ToArray());
            Assert.Equal(expected.Select(v => v is null).ToArray(), Enumerable.Range(0, 72).Select(vector.Child(1).IsNull).ToArray());
        }

        tracker.AssertNoLeaks();
    }
}
