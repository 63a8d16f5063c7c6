using System.Buffers.Binary;
using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.Golden;

namespace Sluice.Sql.Physical.Tests.Operators;

/// <summary>
/// <see cref="RowEncoder"/> over flat columns (the encoder picks each column's writer once): the bytes are the persisted
/// encoding its documentation gives (a presence byte, then the value little-endian, or a var-int length and the bytes),
/// built here independently of the encoder, for NULLs, strings whose length needs one, two and three var-int bytes, and
/// string views; and they decode back to the same values.
/// </summary>
public sealed class RowEncoderFlatTests
{
    private static readonly Schema Flat = Schema.Of(
        new Field("i", DataTypes.Int()),
        new Field("b", DataTypes.BigInt()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("d", DataTypes.Double()),
        new Field("s", DataTypes.String()),
        new Field("dec", DataTypes.Decimal(10, 2)),
        new Field("flag", DataTypes.Boolean()),
        new Field("day", DataTypes.Date()),
        new Field("bin", DataTypes.Bytes()));

    private static readonly string[] Strings = ["", "a", new('x', 127), new('y', 128), new('z', 16_384), "é€"];

    [Fact]
    public void FlatRows_EncodeToTheDocumentedBytes_AndDecodeToTheirValues()
    {
        var random = new Random(7);
        using var builder = new RecordBatchBuilder(Flat);
        var expected = new List<byte[]>();
        for (var row = 0; row < 60; row++)
        {
            var bytes = new List<byte>();
            var nulls = row % 5 == 0 ? random.Next(1 << Flat.Count) : 0;
            bool IsNull(int c) => (nulls & (1 << c)) != 0;

            var i = random.Next(int.MinValue, int.MaxValue);
            Put(builder, bytes, 0, IsNull(0), () => builder.AppendInt32(0, i), LittleEndian(i));
            var b = random.NextInt64(long.MinValue, long.MaxValue);
            Put(builder, bytes, 1, IsNull(1), () => builder.AppendInt64(1, b), LittleEndian(b));
            var micros = random.NextInt64(0, 4_000_000_000_000_000L);
            Put(builder, bytes, 2, IsNull(2), () => builder.AppendInt64(2, micros), LittleEndian(micros));
            var d = (random.NextDouble() - 0.5) * 1e12;
            Put(builder, bytes, 3, IsNull(3), () => builder.AppendDouble(3, d), LittleEndian(BitConverter.DoubleToInt64Bits(d)));
            var s = Strings[row % Strings.Length];
            Put(builder, bytes, 4, IsNull(4), () => builder.AppendString(4, s), LengthPrefixed(Encoding.UTF8.GetBytes(s)));
            var unscaled = random.NextInt64(-99_999_999, 99_999_999);
            Put(builder, bytes, 5, IsNull(5), () => builder.AppendDecimal(5, unscaled / 100m), LittleEndian(unscaled));
            var flag = random.Next(2) == 1;
            Put(builder, bytes, 6, IsNull(6), () => builder.AppendBoolean(6, flag), [flag ? (byte)1 : (byte)0]);
            var day = random.Next(-100_000, 100_000);
            Put(builder, bytes, 7, IsNull(7), () => builder.AppendInt32(7, day), LittleEndian(day));
            var bin = new byte[row % 3 == 0 ? 200 : row % 7];
            random.NextBytes(bin);
            Put(builder, bytes, 8, IsNull(8), () => builder.AppendBytes(8, bin), LengthPrefixed(bin));
            builder.AppendRowKind(RowKind.Insert);
            expected.Add([.. bytes]);
        }

        using var batch = builder.Build();
        var encoder = RowEncoder.AllColumns(Flat);
        for (var row = 0; row < batch.RowCount; row++)
        {
            Assert.Equal(expected[row], encoder.EncodeToScratch(batch, row).ToArray());
        }

        using var decoded = new RecordBatchBuilder(Flat);
        for (var row = 0; row < batch.RowCount; row++)
        {
            encoder.AppendTo(expected[row], decoded, 0);
        }

        using var rebuilt = decoded.Build();
        Assert.Equal(Enumerable.Range(0, batch.RowCount).Select(r => GoldenRowText.Row(batch, r)),
            Enumerable.Range(0, rebuilt.RowCount).Select(r => GoldenRowText.Row(rebuilt, r)));
    }

    [Fact]
    public void AStringView_EncodesAsTheContiguousStrings_AndSelectedColumnsInTheirOrder()
    {
        var schema = Schema.Of(new Field("k", DataTypes.BigInt()), new Field("s", DataTypes.String()));
        var long300 = new string('q', 300);
        var buffer = Encoding.UTF8.GetBytes("alphabeta" + long300);
        // Pieces of one buffer, in another order, the third NULL.
        using var view = BytesVector.View(DataTypes.String(), buffer, [5, 0, 0, 9], [4, 5, 0, 300], [0b0100UL]);
        using var keys = PrimitiveVector<long>.FromValues(DataTypes.BigInt(), [10, 20, 30, 40]);
        using var batch = new RecordBatch(schema, [keys.Retain(), view.Retain()]);

        var both = new RowEncoder(schema, [1, 0]);
        Assert.Equal([1, .. LengthPrefixed("beta"u8.ToArray()), 1, .. LittleEndian(10L)], both.EncodeToScratch(batch, 0).ToArray());
        Assert.Equal([1, .. LengthPrefixed("alpha"u8.ToArray()), 1, .. LittleEndian(20L)], both.EncodeToScratch(batch, 1).ToArray());
        Assert.Equal([0, 1, .. LittleEndian(30L)], both.EncodeToScratch(batch, 2).ToArray());
        Assert.Equal([1, .. LengthPrefixed(Encoding.UTF8.GetBytes(long300)), 1, .. LittleEndian(40L)], both.EncodeToScratch(batch, 3).ToArray());
    }

    /// <summary>Appends a value or a NULL to column <paramref name="column"/> and its expected encoding to <paramref name="bytes"/>.</summary>
    private static void Put(RecordBatchBuilder builder, List<byte> bytes, int column, bool isNull, Action append, byte[] value)
    {
        if (isNull)
        {
            builder.AppendNull(column);
            bytes.Add(0);
            return;
        }

        append();
        bytes.Add(1);
        bytes.AddRange(value);
    }

    private static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] LittleEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>The presence-less part of a string value: its length as a var-int (7 bits a byte, low first), then the bytes.</summary>
    private static byte[] LengthPrefixed(byte[] value)
    {
        var bytes = new List<byte>();
        var length = (uint)value.Length;
        while (length >= 0x80)
        {
            bytes.Add((byte)(length | 0x80));
            length >>= 7;
        }

        bytes.Add((byte)length);
        bytes.AddRange(value);
        return [.. bytes];
    }
}
