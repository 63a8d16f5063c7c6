using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

public sealed class RowDataCacheTests
{
    private static readonly Schema Input = new([new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String())]);

    [Fact]
    public void RowOf_EqualsTheEncodersRow_AndHandsOutOneObjectPerDistinctRow()
    {
        var cache = new RowDataCache(RowEncoder.AllColumns(Input));
        using var batch = Batch(Input, R("+I", 1L, "a"), R("+I", 2L, null), R("-D", 1L, "a"));
        var first = cache.RowOf(batch, batch.PhysicalRow(0));
        var second = cache.RowOf(batch, batch.PhysicalRow(1));
        var again = cache.RowOf(batch, batch.PhysicalRow(2));

        Assert.Equal(RowEncoder.AllColumns(Input).RowOf(batch, batch.PhysicalRow(0)), first);
        Assert.Equal(RowEncoder.AllColumns(Input).RowOf(batch, batch.PhysicalRow(1)), second);
        Assert.NotEqual(first, second);
        Assert.Same(first, again);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void RowOf_BeyondTheCapacity_StartsOverAndStaysCorrect()
    {
        var cache = new RowDataCache(RowEncoder.AllColumns(Input), capacity: 2);
        using var batch = Batch(Input, R("+I", 1L, "a"), R("+I", 2L, "b"), R("+I", 3L, "c"), R("+I", 1L, "a"));
        var rows = Enumerable.Range(0, batch.RowCount).Select(i => cache.RowOf(batch, batch.PhysicalRow(i))).ToList();

        Assert.True(cache.Count <= 2);
        Assert.Equal(rows[0], rows[3]);
        Assert.Equal(3, rows.Distinct().Count());
    }
}
