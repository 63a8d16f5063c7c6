using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>Seeded random batches over a fixed schema, about a fifth of each column null.</summary>
internal static class RandomBatches
{
    public static Schema Schema { get; } = Schema.Of(
        new Field("a", DataTypes.Int()),
        new Field("b", DataTypes.Int()),
        new Field("c", DataTypes.BigInt()),
        new Field("d", DataTypes.Double()),
        new Field("s", DataTypes.String()),
        new Field("t", DataTypes.String()),
        new Field("p", DataTypes.Boolean()),
        new Field("q", DataTypes.Boolean()));

    private static readonly string[] Words = ["", "a", "ab", "B", "abc", "Zürich", "straße", "x1", "12", "-7"];

    public static RecordBatch Create(int seed, int rows = 200)
    {
        var random = new Random(seed);
        using var builder = new RecordBatchBuilder(Schema);
        for (var i = 0; i < rows; i++)
        {
            builder.AppendRow(
                Maybe(random, random.Next(-50, 51)),
                Maybe(random, random.Next(1, 20) * (random.Next(2) == 0 ? -1 : 1)),
                Maybe(random, (long)random.Next(-1000, 1000) * 100_000),
                Maybe(random, Math.Round(random.NextDouble() * 200 - 100, 2)),
                Maybe(random, Words[random.Next(Words.Length)]),
                Maybe(random, Words[random.Next(Words.Length)]),
                Maybe(random, random.Next(2) == 0),
                Maybe(random, random.Next(2) == 0));
        }

        return builder.Build();
    }

    private static object? Maybe(Random random, object value) => random.Next(5) == 0 ? null : value;
}
