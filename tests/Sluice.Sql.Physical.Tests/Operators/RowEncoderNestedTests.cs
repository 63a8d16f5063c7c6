using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.Golden;

namespace Sluice.Sql.Physical.Tests.Operators;

/// <summary>
/// <see cref="RowEncoder"/> over ARRAY, MULTISET, MAP and ROW columns (nested in each other, with NULLs at every level):
/// what stateful operators keep in state decodes to the same values, and equal values encode to equal bytes.
/// </summary>
public sealed class RowEncoderNestedTests
{
    private static readonly Schema Nested = Schema.Of(
        new Field("id", DataTypes.Int()),
        new Field("tags", DataTypes.Array(DataTypes.String())),
        new Field("counts", DataTypes.Map(DataTypes.String(), DataTypes.Array(DataTypes.BigInt()))),
        new Field("owner", DataTypes.Row(new Field("name", DataTypes.String()), new Field("address",
            DataTypes.Row(new Field("city", DataTypes.String()), new Field("zip", DataTypes.Int()))))),
        new Field("bag", DataTypes.Multiset(DataTypes.Int())),
        new Field("price", DataTypes.Decimal(30, 2)));

    private static readonly object?[][] Rows =
    [
        [1, new object?[] { "a", null, "ccc" }, new Dictionary<object, object?> { ["x"] = new object?[] { 1L, null }, ["y"] = null },
            new object?[] { "ann", new object?[] { "Oslo", 150 } }, new object?[] { 1, 1, 2 }, 12.5m],
        [2, Array.Empty<object?>(), new Dictionary<object, object?>(), new object?[] { null, null }, Array.Empty<object?>(), null],
        [3, null, null, null, null, -0.01m],
        [4, new object?[] { "" }, new Dictionary<object, object?> { ["é"] = Array.Empty<object?>() },
            new object?[] { "bo", new object?[] { null, 0 } }, new object?[] { null }, 1e20m],
    ];

    [Fact]
    public void NestedRows_DecodeToTheValuesTheyWereEncodedFrom()
    {
        var batch = Batch(Rows);
        var encoder = RowEncoder.AllColumns(Nested);
        using var decoded = new RecordBatchBuilder(Nested);
        for (var row = 0; row < batch.RowCount; row++)
        {
            encoder.AppendTo(encoder.RowOf(batch, row).Bytes, decoded, 0);
        }

        var rebuilt = decoded.Build();

        Assert.Equal(Enumerable.Range(0, batch.RowCount).Select(r => GoldenRowText.Row(batch, r)),
            Enumerable.Range(0, rebuilt.RowCount).Select(r => GoldenRowText.Row(rebuilt, r)));
        Assert.Equal("[1, [a, NULL, ccc], {x=[1, NULL], y=NULL}, (ann, (Oslo, 150)), [1, 1, 2], 12.50]", GoldenRowText.Row(rebuilt, 0));
        Assert.Equal("[3, NULL, NULL, NULL, NULL, -0.01]", GoldenRowText.Row(rebuilt, 2));
    }

    [Fact]
    public void EqualNestedValues_EncodeToEqualBytes_AndDifferentOnesDoNot()
    {
        var batch = Batch([.. Rows, Rows[0], Rows[1]]);
        var encoder = RowEncoder.AllColumns(Nested);
        var keys = Enumerable.Range(0, batch.RowCount).Select(r => encoder.KeyOf(batch, r)).ToList();

        Assert.Equal(keys[0], keys[4]);
        Assert.Equal(keys[1], keys[5]);
        Assert.Equal(4, keys.Distinct().Count());
    }

    [Fact]
    public void TheNestedBoundaries_AreEncoded_SoShiftedElementsDoNotCollide()
    {
        // ["ab"], [] and ["a"], ["b"] hold the same characters; their keys must differ.
        var schema = Schema.Of(new Field("a", DataTypes.Array(DataTypes.String())), new Field("b", DataTypes.Array(DataTypes.String())));
        var batch = Batch(schema, [[new object?[] { "ab" }, Array.Empty<object?>()], [new object?[] { "a" }, new object?[] { "b" }],
            [Array.Empty<object?>(), new object?[] { "ab" }]]);
        var encoder = RowEncoder.AllColumns(schema);

        Assert.Equal(3, Enumerable.Range(0, 3).Select(r => encoder.KeyOf(batch, r)).Distinct().Count());
    }

    [Fact]
    public void ATruncatedNestedValue_IsCorruptState()
    {
        var batch = Batch(Rows);
        var encoder = RowEncoder.AllColumns(Nested);
        var bytes = encoder.RowOf(batch, 0).Bytes.ToArray();
        using var decoded = new RecordBatchBuilder(Nested);

        Assert.Throws<Sluice.Core.Errors.StateException>(() => encoder.AppendTo(bytes.AsMemory(0, bytes.Length - 3), decoded, 0));
    }

    private static RecordBatch Batch(object?[][] rows) => Batch(Nested, rows);

    private static RecordBatch Batch(Schema schema, object?[][] rows)
    {
        using var builder = new RecordBatchBuilder(schema);
        foreach (var row in rows)
        {
            for (var c = 0; c < schema.Count; c++)
            {
                builder.Column(c).Append(row[c]);
            }
        }

        return builder.Build();
    }
}
