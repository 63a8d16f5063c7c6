using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// String kernels give the same results over a view input (values as slices of a shared buffer, see
/// <see cref="BytesVector.IsView"/>) as over the contiguous vector of the same values, on random text (non-ASCII, empty,
/// NULL); and SPLIT_INDEX, which returns its pieces as a view of a contiguous input, gives what the general kernel does.
/// </summary>
public sealed class StringViewTests
{
    private const string Ddl = "CREATE TABLE w (s STRING, n INT)";

    private static readonly Schema TableSchema = Schema.Of(new Field("s", DataTypes.String()), new Field("n", DataTypes.Int()));

    private static readonly Lazy<InMemoryCatalog> Catalog = new(() =>
    {
        var catalog = new InMemoryCatalog();
        Planner.Execute(SqlParser.ParseStatement(Ddl + " WITH ('connector' = 'datagen')"), catalog);
        return catalog;
    });

    private static readonly string[] Pieces = ["/", "/", "a", "ü", "日本", "", "https://www.nexmark.com/", "x/y", "Apple", "c", "ccc", "&", "=", "İ"];

    [Theory]
    [InlineData("SPLIT_INDEX(s, '/', 0)")]
    [InlineData("SPLIT_INDEX(s, '/', 3)")]
    [InlineData("SPLIT_INDEX(s, '//', 1)")]
    [InlineData("SPLIT_INDEX(s, '/', n)")]
    [InlineData("CHAR_LENGTH(s)")]
    [InlineData("CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, 'c', ''))")]
    [InlineData("REPLACE(s, 'c', 'k')")]
    [InlineData("REPLACE(s, 'ccc', '日本')")]
    [InlineData("UPPER(s)")]
    [InlineData("LOWER(s)")]
    [InlineData("SUBSTRING(s, 2, 3)")]
    [InlineData("s = 'Apple'")]
    [InlineData("s IN ('Apple', 'a', '')")]
    [InlineData("s < 'b'")]
    [InlineData("REGEXP_EXTRACT(s, '(&|^)a=([^&]*)', 2)")]
    [InlineData("CASE WHEN LOWER(s) = 'apple' THEN '0' WHEN s = 'a' THEN '1' ELSE s END")]
    [InlineData("CONCAT(s, '-', s)")]
    public void AViewInputGivesTheContiguousResult(string expression)
    {
        var compiled = Compile(expression);
        for (var seed = 0; seed < 4; seed++)
        {
            var random = new Random(seed);
            var values = Enumerable.Range(0, 300).Select(_ => random.Next(8) == 0 ? null : RandomText(random)).ToArray();
            var numbers = values.Select(_ => random.Next(8) == 0 ? (int?)null : random.Next(-1, 5)).ToArray();
            using var contiguous = Batch(values, numbers, view: false);
            using var view = Batch(values, numbers, view: true);
            Assert.True(((BytesVector)view.Column(0)).IsView);
            using var expected = compiled.Evaluate(contiguous);
            using var actual = compiled.Evaluate(view);
            var subset = Enumerable.Range(0, values.Length).Where(_ => random.Next(3) == 0).ToArray();
            using var expectedPart = compiled.EvaluateRows(contiguous, subset);
            using var actualPart = compiled.EvaluateRows(view, subset);
            for (var i = 0; i < values.Length; i++)
            {
                Assert.Equal(expected.GetValue(i), actual.GetValue(i));
            }

            for (var j = 0; j < subset.Length; j++)
            {
                Assert.Equal(expectedPart.GetValue(j), actualPart.GetValue(j));
                Assert.Equal(expected.GetValue(subset[j]), actualPart.GetValue(j));
            }
        }
    }

    [Theory]
    [InlineData("/", 0)]
    [InlineData("/", 3)]
    [InlineData("/", 5)]
    [InlineData("&", 1)]
    public void SplitIndexPiecesOfAContiguousInputAreAViewWithTheReferenceValues(string separator, int index)
    {
        var compiled = Compile($"SPLIT_INDEX(s, '{separator}', {index})");
        var random = new Random(index);
        var values = Enumerable.Range(0, 400).Select(_ => random.Next(8) == 0 ? null : RandomText(random)).ToArray();
        using var batch = Batch(values, new int?[values.Length], view: false);
        using var result = (BytesVector)compiled.Evaluate(batch);
        Assert.True(result.IsView);
        for (var i = 0; i < values.Length; i++)
        {
            var s = values[i];
            var pieces = s is null or "" ? null : s.Split(separator);
            var expected = pieces is not null && index < pieces.Length ? pieces[index] : null;
            Assert.Equal(expected, result.GetValue(i));
        }

        // The view keeps the input's data: the batch may go first.
        var copy = Enumerable.Range(0, values.Length).Select(i => result.GetValue(i)).ToArray();
        batch.Dispose();
        Assert.Equal(copy, Enumerable.Range(0, values.Length).Select(i => result.GetValue(i)).ToArray());
    }

    private static CompiledExpression Compile(string expression)
    {
        var plan = Planner.Bind(SqlParser.ParseStatement($"SELECT {expression} FROM w"), Catalog.Value);
        var project = Assert.IsType<Project>(plan);
        return ExpressionCompiler.Compile(project.Projections[0], TableSchema);
    }

    /// <summary>A batch of the values, the strings contiguous or as a view of a buffer with gaps between them.</summary>
    private static RecordBatch Batch(string?[] values, int?[] numbers, bool view)
    {
        using var numberBuilder = new PrimitiveVectorBuilder<int>(DataTypes.Int());
        foreach (var number in numbers)
        {
            if (number is null)
            {
                numberBuilder.AppendNull();
            }
            else
            {
                numberBuilder.Append(number.Value);
            }
        }

        ColumnVector strings;
        if (view)
        {
            var buffer = new List<byte>();
            var starts = new int[values.Length];
            var lengths = new int[values.Length];
            var nulls = new ulong[(values.Length + 63) / 64];
            for (var i = 0; i < values.Length; i++)
            {
                buffer.AddRange("gap"u8.ToArray());
                if (values[i] is null)
                {
                    nulls[i / 64] |= 1UL << i;
                    continue;
                }

                var bytes = Encoding.UTF8.GetBytes(values[i]!);
                starts[i] = buffer.Count;
                lengths[i] = bytes.Length;
                buffer.AddRange(bytes);
            }

            strings = BytesVector.View(DataTypes.String(), buffer.ToArray(), starts, lengths, nulls);
        }
        else
        {
            using var builder = new BytesVectorBuilder(DataTypes.String());
            foreach (var value in values)
            {
                builder.Append(value);
            }

            strings = builder.Build();
        }

        return new RecordBatch(TableSchema, [strings, numberBuilder.Build()]);
    }

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(7);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }
}
