using Sluice.Core.Schemas;
using Sluice.Core.Types;
using static Sluice.Connectors.Builtin.Tests.Datagen.DatagenTestSupport;

namespace Sluice.Connectors.Builtin.Tests.Datagen;

/// <summary>A sequence of a BINARY/VARBINARY column, as Flink: each value's 8 bytes, big-endian (Guava's <c>Longs.toByteArray</c>).</summary>
public sealed class DatagenBinarySequenceTests
{
    [Fact]
    public void Sequence_OfBytes_GivesEachValuesEightBigEndianBytes()
    {
        var schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("b", DataTypes.VarBinary(8)));
        var source = Create(schema, ("fields.id.kind", "sequence"), ("fields.id.start", "1"), ("fields.id.end", "3"),
            ("fields.b.kind", "sequence"), ("fields.b.start", "255"), ("fields.b.end", "257"));

        var rows = ReadAll(source, 1)[0];

        Assert.Equal(3, rows.Count);
        Assert.Equal(["00000000000000FF", "0000000000000100", "0000000000000101"],
            rows.Select(r => r[(r.IndexOf(", [", StringComparison.Ordinal) + 2)..^1]).Select(Hex));
    }

    /// <summary>The bytes of a row string's binary value (Java's signed-byte list <c>[0, -1]</c>) as upper-case hex.</summary>
    private static string Hex(string text) =>
        Convert.ToHexString([.. text.Trim('[', ']').Split(", ").Select(b => unchecked((byte)sbyte.Parse(b, System.Globalization.CultureInfo.InvariantCulture)))]);
}
