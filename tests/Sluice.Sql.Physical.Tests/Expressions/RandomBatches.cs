using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>Seeded random batches over a fixed schema of many types, about a fifth of each column null.</summary>
internal static class RandomBatches
{
    /// <summary>The table <c>t</c> with the columns of <see cref="Schema"/>, for binding SQL expressions.</summary>
    public const string TableDdl = """
        CREATE TABLE t (
          a INT, b INT, c BIGINT, d DOUBLE, s STRING, t STRING, p BOOLEAN, q BOOLEAN,
          e DECIMAL(10, 2), f DECIMAL(30, 5), g DATE, h TIMESTAMP(3), i TIMESTAMP_LTZ(3), j TIME(3), k STRING,
          arr ARRAY<INT>, m MAP<STRING, INT>, r ROW<x INT, y STRING>
        ) WITH ('connector' = 'datagen')
        """;

    public static Schema Schema { get; } = Schema.Of(
        new Field("a", DataTypes.Int()),
        new Field("b", DataTypes.Int()),
        new Field("c", DataTypes.BigInt()),
        new Field("d", DataTypes.Double()),
        new Field("s", DataTypes.String()),
        new Field("t", DataTypes.String()),
        new Field("p", DataTypes.Boolean()),
        new Field("q", DataTypes.Boolean()),
        new Field("e", DataTypes.Decimal(10, 2)),
        new Field("f", DataTypes.Decimal(30, 5)),
        new Field("g", DataTypes.Date()),
        new Field("h", DataTypes.Timestamp(3)),
        new Field("i", DataTypes.TimestampLtz(3)),
        new Field("j", DataTypes.Time(3)),
        new Field("k", DataTypes.String()),
        new Field("arr", DataTypes.Array(DataTypes.Int())),
        new Field("m", DataTypes.Map(DataTypes.String(), DataTypes.Int())),
        new Field("r", DataTypes.Row(DataTypes.Field("x", DataTypes.Int()), DataTypes.Field("y", DataTypes.String()))));

    public static readonly string[] Words = ["", "a", "ab", "B", "abc", "Zürich", "straße", "x1", "12", "-7", " a b ", "a%b", "a_b"];

    public static readonly string[] Documents =
    [
        """{"a": 1, "b": {"c": "x"}, "arr": [10, 20, 30]}""",
        """{"a": 2.50, "b": {"c": null}, "arr": []}""",
        """{"a": "text", "b": [1, 2]}""",
        """{"a": true}""",
        "[1, 2]",
        "not json",
        """{"b": null}""",
    ];

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
                Maybe(random, random.Next(2) == 0),
                Maybe(random, random.Next(-10_000_000, 10_000_001) / 100m),
                Maybe(random, random.NextInt64(-1_000_000_000_000_000, 1_000_000_000_000_000) / 100_000m),
                Maybe(random, DateOnly.FromDayNumber(DateOnly.FromDateTime(new DateTime(1960, 1, 1)).DayNumber + random.Next(0, 80 * 366))),
                Maybe(random, new DateTime(1965, 1, 1).AddMilliseconds(random.NextInt64(0, 70L * 365 * 86_400_000))),
                Maybe(random, new DateTimeOffset(new DateTime(1965, 1, 1).AddMilliseconds(random.NextInt64(0, 70L * 365 * 86_400_000)), TimeSpan.Zero)),
                Maybe(random, TimeOnly.FromTimeSpan(TimeSpan.FromMilliseconds(random.Next(0, 86_400_000)))),
                Maybe(random, Documents[random.Next(Documents.Length)]),
                Maybe(random, Enumerable.Range(0, random.Next(0, 4)).Select(_ => Maybe(random, random.Next(-5, 6))).ToArray()),
                Maybe(random, Enumerable.Range(0, random.Next(0, 3)).Select(n => new KeyValuePair<object?, object?>(Words[n + 1], Maybe(random, random.Next(-5, 6)))).ToArray()),
                Maybe(random, new object?[] { Maybe(random, random.Next(-5, 6)), Maybe(random, Words[random.Next(Words.Length)]) }));
        }

        return builder.Build();
    }

    private static object? Maybe(Random random, object value) => random.Next(5) == 0 ? null : value;
}
