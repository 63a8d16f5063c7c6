using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Correlate;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Correlate;

public sealed class UnnestOperatorTests
{
    private static readonly Schema Arrays = Schema.Of(new Field("id", DataTypes.Int()), new Field("arr", DataTypes.Array(DataTypes.Int())));

    private static readonly (string, object?[])[] ArrayRows =
    [
        R("+I", 1, new object?[] { 10, null, 30 }),
        R("+I", 2, Array.Empty<object?>()),
        R("+I", 3, null),
        R("+I", 4, new object?[] { 40 }),
    ];

    [Fact]
    public void Array_CrossJoin_RepeatsTheRowPerElement_AndDropsEmptyAndNullArrays()
    {
        var op = new UnnestOperator(Arrays, 1);
        Assert.Equal(["id", "arr", "f0"], op.OutputSchema.Fields.Select(f => f.Name));
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Arrays, ArrayRows));
        Assert.Equal(["+I[1, [10, null, 30], 10]", "+I[1, [10, null, 30], null]", "+I[1, [10, null, 30], 30]", "+I[4, [40], 40]"], Output(harness));
    }

    [Fact]
    public void Array_WithOrdinality_NumbersElementsFromOnePerRow()
    {
        var op = new UnnestOperator(Arrays, 1, withOrdinality: true, columnNames: ["x", "pos"]);
        Assert.Equal(["id", "arr", "x", "pos"], op.OutputSchema.Fields.Select(f => f.Name));
        Assert.Equal(DataTypes.Int().NotNull(), op.OutputSchema[3].DataType);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Arrays, ArrayRows));
        Assert.Equal(["+I[1, [10, null, 30], 10, 1]", "+I[1, [10, null, 30], null, 2]", "+I[1, [10, null, 30], 30, 3]", "+I[4, [40], 40, 1]"], Output(harness));
    }

    [Fact]
    public void Array_LeftJoin_KeepsEmptyAndNullArraysPaddedWithNulls()
    {
        var op = new UnnestOperator(Arrays, 1, withOrdinality: true, leftOuter: true);
        Assert.True(op.OutputSchema[3].DataType.IsNullable);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Arrays, ArrayRows));
        Assert.Equal(
        [
            "+I[1, [10, null, 30], 10, 1]", "+I[1, [10, null, 30], null, 2]", "+I[1, [10, null, 30], 30, 3]",
            "+I[2, [], null, null]", "+I[3, null, null, null]", "+I[4, [40], 40, 1]",
        ], Output(harness));
    }

    [Fact]
    public void LeftJoin_BatchWithoutAnyElement_IsAllPadding()
    {
        using var harness = new OperatorHarness(new UnnestOperator(Arrays, 1, leftOuter: true));
        harness.ProcessBatch(Batch(Arrays, R("+I", 2, Array.Empty<object?>()), R("+I", 3, null)));
        Assert.Equal(["+I[2, [], null]", "+I[3, null, null]"], Output(harness));
    }

    [Fact]
    public void Map_GivesKeyAndValueColumnsPerEntry()
    {
        var schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("m", DataTypes.Map(DataTypes.String(), DataTypes.Int())));
        var op = new UnnestOperator(schema, 1, withOrdinality: true);
        Assert.Equal(["id", "m", "key", "value", "ordinality"], op.OutputSchema.Fields.Select(f => f.Name));
        using var harness = new OperatorHarness(op);
        var map = new[] { new KeyValuePair<object?, object?>("a", 1), new KeyValuePair<object?, object?>("b", null) };
        harness.ProcessBatch(Batch(schema, R("+I", 1, map), R("+I", 2, Array.Empty<KeyValuePair<object?, object?>>()), R("+I", 3, null)));
        Assert.Equal(["+I[1, {a=1, b=null}, a, 1, 1]", "+I[1, {a=1, b=null}, b, null, 2]"], Output(harness));
    }

    [Fact]
    public void ArrayOfRows_ExpandsTheFields_AndANullElementGivesNullFields()
    {
        var element = DataTypes.Row(new Field("n", DataTypes.String().NotNull()), new Field("v", DataTypes.Int()));
        var schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("rs", DataTypes.Array(element)));
        var op = new UnnestOperator(schema, 1);
        Assert.Equal(["id", "rs", "n", "v"], op.OutputSchema.Fields.Select(f => f.Name));
        Assert.True(op.OutputSchema[2].DataType.IsNullable);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(schema,
            R("+I", 1, new object?[] { new object?[] { "x", 1 }, null, new object?[] { "y", null } }),
            R("+I", 2, new object?[] { new object?[] { "z", 3 } })));
        Assert.Equal(
        [
            "+I[1, [[x, 1], null, [y, null]], x, 1]", "+I[1, [[x, 1], null, [y, null]], null, null]",
            "+I[1, [[x, 1], null, [y, null]], y, null]", "+I[2, [[z, 3]], z, 3]",
        ], Output(harness));
    }

    [Fact]
    public void ArrayOfRows_LeftJoin_PadsAllFields()
    {
        var element = DataTypes.Row(new Field("n", DataTypes.String()), new Field("v", DataTypes.Int()));
        var schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("rs", DataTypes.Array(element)));
        using var harness = new OperatorHarness(new UnnestOperator(schema, 1, leftOuter: true, withOrdinality: true));
        harness.ProcessBatch(Batch(schema, R("+I", 1, null), R("+I", 2, new object?[] { new object?[] { "z", 3 } })));
        Assert.Equal(["+I[1, null, null, null, null]", "+I[2, [[z, 3]], z, 3, 1]"], Output(harness));
    }

    [Fact]
    public void Multiset_RepeatsEachOccurrence_AndNestedElementsPassThrough()
    {
        var multisets = Schema.Of(new Field("id", DataTypes.Int()), new Field("ms", DataTypes.Multiset(DataTypes.String())));
        using (var harness = new OperatorHarness(new UnnestOperator(multisets, 1)))
        {
            harness.ProcessBatch(Batch(multisets, R("+I", 1, new object?[] { "a", "a", "b" })));
            Assert.Equal(["+I[1, [a, a, b], a]", "+I[1, [a, a, b], a]", "+I[1, [a, a, b], b]"], Output(harness));
        }

        var nested = Schema.Of(new Field("id", DataTypes.Int()), new Field("aa", DataTypes.Array(DataTypes.Array(DataTypes.Int()))));
        using var nestedHarness = new OperatorHarness(new UnnestOperator(nested, 1));
        nestedHarness.ProcessBatch(Batch(nested, R("+I", 1, new object?[] { new object?[] { 1, 2 }, null })));
        Assert.Equal(["+I[1, [[1, 2], null], [1, 2]]", "+I[1, [[1, 2], null], null]"], Output(nestedHarness));
    }

    [Fact]
    public void RowKinds_AreCarriedOverToEveryElement()
    {
        using var harness = new OperatorHarness(new UnnestOperator(Arrays, 1, leftOuter: true));
        harness.ProcessBatch(Batch(Arrays,
            R("-D", 1, new object?[] { 1, 2 }),
            R("+I", 2, new object?[] { 3 }),
            R("-U", 3, null),
            R("+U", 3, new object?[] { 4, 5 })));
        Assert.Equal(["-D[1, [1, 2], 1]", "-D[1, [1, 2], 2]", "+I[2, [3], 3]", "-U[3, null, null]", "+U[3, [4, 5], 4]", "+U[3, [4, 5], 5]"], Output(harness));
    }

    [Fact]
    public void Selection_OnlySelectedRowsAreUnnested()
    {
        using var harness = new OperatorHarness(new UnnestOperator(Arrays, 1, withOrdinality: true));
        harness.ProcessBatch(Batch(Arrays, ArrayRows).WithSelection([0, 3]));
        harness.ProcessBatch(Batch(Arrays, ArrayRows).WithSelection([1, 2]));
        Assert.Equal(["+I[1, [10, null, 30], 10, 1]", "+I[1, [10, null, 30], null, 2]", "+I[1, [10, null, 30], 30, 3]", "+I[4, [40], 40, 1]"], Output(harness));
        Assert.Single(harness.OutputBatches);
    }

    [Fact]
    public void RowTime_IsKept_AndWatermarksPassThrough()
    {
        var schema = new Schema([new Field("ts", DataTypes.Timestamp(3)), new Field("arr", DataTypes.Array(DataTypes.Int()))], rowTimeIndex: 0);
        var op = new UnnestOperator(schema, 1);
        Assert.Equal(0, op.OutputSchema.RowTimeIndex);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(schema, R("+I", 5000L, new object?[] { 1, 2 })));
        Assert.Equal([5L, 5L], ((RecordBatch)harness.OutputBatches[0]).Timestamps.ToArray());
        harness.ProcessWatermark(7);
        Assert.Equal([7L], harness.OutputWatermarks);
    }

    [Fact]
    public void Constructor_RejectsNonCollectionsAndWrongNameCounts_AndRenamesClashes()
    {
        Assert.Throws<ArgumentException>(() => new UnnestOperator(Arrays, 0));
        Assert.Throws<ArgumentException>(() => new UnnestOperator(Arrays, 2));
        Assert.Throws<ArgumentException>(() => new UnnestOperator(Arrays, 1, withOrdinality: true, columnNames: ["x"]));
        Assert.Equal(["id", "arr", "id0", "arr0"], new UnnestOperator(Arrays, 1, withOrdinality: true, columnNames: ["id", "arr"]).OutputSchema.Fields.Select(f => f.Name));
    }
}
