using System.Text;
using System.Text.RegularExpressions;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// The byte-level fast paths of string kernels agree with the general paths (the regular-expression engine on decoded
/// text, CASE condition by condition, per-row string functions) on random inputs: non-ASCII text, empty strings,
/// NULLs, delimiters at either end and no match.
/// </summary>
public sealed class StringFastPathTests
{
    [Theory]
    [InlineData("=")]
    [InlineData("<>")]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData(">")]
    [InlineData(">=")]
    public void ComparisonWithAConstantMatchesOrdinalByteOrder(string op)
    {
        // Table t's s holds words with an empty string, upper case and non-ASCII text, and NULLs (see RandomBatches).
        foreach (var constant in new[] { "", "a", "ab", "B", "Zürich", "zz" })
        {
            var bytes = Encoding.UTF8.GetBytes(constant);
            bool Holds(int order) => op switch
            {
                "=" => order == 0,
                "<>" => order != 0,
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
            SqlExpressions.Matches($"s {op} '{constant}'",
                v => v[4] is string x ? Holds(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(bytes)) : null);
            SqlExpressions.Matches($"'{constant}' {op} s",
                v => v[4] is string x ? Holds(bytes.AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(x))) : null);
        }
    }

    private const string Ddl = "CREATE TABLE u (s STRING, n INT, v VARCHAR) WITH ('connector' = 'datagen')";

    private static readonly Schema TableSchema = Schema.Of(
        new Field("s", DataTypes.String()), new Field("n", DataTypes.Int()), new Field("v", DataTypes.VarChar(1)));

    private static readonly Lazy<InMemoryCatalog> Catalog = new(() =>
    {
        var catalog = new InMemoryCatalog();
        Planner.Execute(SqlParser.ParseStatement(Ddl), catalog);
        return catalog;
    });

    /// <summary>Pieces random strings are made of: the pattern's key and delimiters, near misses, non-ASCII text.</summary>
    private static readonly string[] Pieces =
    [
        "&", "&", "channel_id=", "channel_id=", "channel_id", "hannel_id=", "x", "42", "=", "/", "ü", "日本", "\n", "Apple", "apple", "APPLE",
        "GOOGLE", "google", "Baidu", "channel-7", "", "a", "K", "\u212A", "İ", "?", "item.htm", "//", "/ab/", "https://www.nexmark.com/abc/",
        "/ü/", "0123456789abcdefghijklmnopqrstuvwxyz/",
    ];

    [Theory]
    [InlineData("(&|^)channel_id=([^&]*)")]
    [InlineData("(^|&)channel_id=([^&]*)")]
    [InlineData("(/|^)x([^/]*)")]
    [InlineData("(;|^)a=b([^;]*)")]
    public void DelimitedParameterPatternsMatchLikeTheEngine(string pattern)
    {
        var fast = DelimitedParameterPattern.TryRecognize(pattern);
        Assert.NotNull(fast);
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var random = new Random(pattern.Length);
        for (var n = 0; n < 3000; n++)
        {
            var text = RandomText(random, 8);
            var bytes = Encoding.UTF8.GetBytes(text);
            var match = regex.Match(text);
            Assert.Equal(match.Success, fast.TryMatch(bytes, out _, out _, out _));
            for (var group = -1; group <= 3; group++)
            {
                var expected = match.Success && group >= 0 && group < match.Groups.Count && match.Groups[group].Success ? match.Groups[group].Value : null;
                var found = fast.TryExtract(bytes, group, out var value, out var valid);
                Assert.True(valid);
                Assert.Equal(expected, found ? Encoding.UTF8.GetString(value) : null);
            }
        }
    }

    [Theory]
    [InlineData("(&|^)channel_id=(.*)")]
    [InlineData("(&|^)channel.id=([^&]*)")]
    [InlineData("(&|^)([^&]*)")]
    [InlineData("(&|$)channel_id=([^&]*)")]
    [InlineData("(&|^)channel_id=([^&]+)")]
    [InlineData("(&|^)chan&nel=([^&]*)")]
    [InlineData("(-|^)a([^-]*)")]
    [InlineData("(&|^)a=([^;]*)")]
    [InlineData("&channel_id=([^&]*)")]
    public void OtherPatternsAreLeftToTheEngine(string pattern) => Assert.Null(DelimitedParameterPattern.TryRecognize(pattern));

    [Fact]
    public void InvalidUtf8ValuesAreReportedSoTheEngineDecidesThem()
    {
        var fast = DelimitedParameterPattern.TryRecognize("(&|^)k=([^&]*)")!;
        byte[] text = [(byte)'k', (byte)'=', 0xC3, (byte)'x'];
        Assert.True(fast.TryExtract(text, 2, out var value, out var valid));
        Assert.False(valid);
        Assert.Equal(2, value.Length);
    }

    [Theory]
    [InlineData("REGEXP_EXTRACT(s, '(&|^)channel_id=([^&]*)', 2)")]
    [InlineData("REGEXP_EXTRACT(s, '(&|^)channel_id=([^&]*)', n)")]
    [InlineData("REGEXP_EXTRACT(s, '(&|^)channel_id=([^&]*)')")]
    [InlineData("REGEXP(s, '(&|^)channel_id=([^&]*)')")]
    public void RegexFunctionsOnTheFastPathMatchTheEngine(string expression)
    {
        var regex = new Regex("(&|^)channel_id=([^&]*)", RegexOptions.CultureInvariant);
        AssertMatches(expression, row =>
        {
            if (row.S is null || (expression.Contains(", n)", StringComparison.Ordinal) && row.N is null))
            {
                return null;
            }

            var match = regex.Match(row.S);
            if (expression.StartsWith("REGEXP(", StringComparison.Ordinal))
            {
                return match.Success;
            }

            var group = expression.Contains(", n)", StringComparison.Ordinal) ? row.N!.Value : expression.Contains(", 2)", StringComparison.Ordinal) ? 2 : 0;
            return match.Success && group >= 0 && group < match.Groups.Count && match.Groups[group].Success ? match.Groups[group].Value : null;
        });
    }

    [Fact]
    public void CaseOverOneStringExpressionBecomesASwitch()
    {
        const string Expression = "CASE WHEN LOWER(v) = 'apple' THEN '0' WHEN LOWER(v) = 'google' THEN '1' WHEN LOWER(v) = 'apple' THEN '9' "
            + "WHEN LOWER(v) = '' THEN 'e' ELSE REGEXP_EXTRACT(v, '(&|^)channel_id=([^&]*)', 2) END";
        Assert.IsType<SwitchCaseKernel>(Compile(Expression).Root);
        var regex = new Regex("(&|^)channel_id=([^&]*)", RegexOptions.CultureInvariant);
        AssertMatches(Expression, row =>
        {
            var lower = row.V?.ToLowerInvariant();
            if (lower == "apple")
            {
                return "0";
            }

            if (lower == "google")
            {
                return "1";
            }

            if (lower == string.Empty)
            {
                return "e";
            }

            var match = row.V is null ? null : regex.Match(row.V);
            return match is { Success: true } && match.Groups[2].Success ? match.Groups[2].Value : null;
        });
    }

    [Theory]
    [InlineData("CASE WHEN LOWER(s) = 'apple' THEN 1 WHEN UPPER(s) = 'GOOGLE' THEN 2 ELSE 3 END")]
    [InlineData("CASE WHEN LOWER(s) = 'apple' THEN 1 WHEN LOWER(s) <> 'google' THEN 2 ELSE 3 END")]
    [InlineData("CASE WHEN LOWER(s) = 'apple' THEN 1 END")]
    [InlineData("CASE WHEN n = 1 THEN 1 WHEN n = 2 THEN 2 ELSE 3 END")]
    public void OtherCasesKeepTheGeneralKernel(string expression) => Assert.IsType<CaseKernel>(Compile(expression).Root);

    [Theory]
    [InlineData("LOWER(s)")]
    [InlineData("UPPER(s)")]
    [InlineData("INITCAP(s)")]
    public void CaseMappingMatchesTheInvariantCulture(string expression)
    {
        AssertMatches(expression, row => row.S is null ? null : expression[0] switch
        {
            'L' => row.S.ToLowerInvariant().Replace("İ", "i\u0307", StringComparison.Ordinal), // Java's full mapping
            'U' => row.S.ToUpperInvariant().Replace("ß", "SS", StringComparison.Ordinal), // Java's full mapping
            _ => null,
        }, skipReference: expression.StartsWith("INITCAP", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("LOWER(s) = 'apple'")]
    [InlineData("LOWER(s) <> 'apple'")]
    [InlineData("'google' = LOWER(s)")]
    [InlineData("s = ''")]
    [InlineData("LOWER(s) IN ('apple', 'google', 'k')")]
    public void ComparisonsWithAConstantMatchTheReference(string expression)
    {
        AssertMatches(expression, row =>
        {
            if (row.S is null)
            {
                return null;
            }

            var lower = row.S.ToLowerInvariant();
            return expression switch
            {
                "LOWER(s) = 'apple'" => lower == "apple",
                "LOWER(s) <> 'apple'" => lower != "apple",
                "'google' = LOWER(s)" => lower == "google",
                "s = ''" => row.S.Length == 0,
                _ => lower is "apple" or "google" or "k",
            };
        });
    }

    [Theory]
    [InlineData("SPLIT_INDEX(s, '/', 0)")]
    [InlineData("SPLIT_INDEX(s, '/', 3)")]
    [InlineData("SPLIT_INDEX(s, '&', 1)")]
    [InlineData("SPLIT_INDEX(s, 'channel', 1)")]
    [InlineData("SPLIT_INDEX(s, '/', n)")]
    [InlineData("SPLIT_INDEX(s, '/', -1)")]
    [InlineData("SPLIT_INDEX(s, '/', 9)")]
    [InlineData("SPLIT_INDEX(s, '/', 40)")]
    public void SplitIndexMatchesTheReference(string expression)
    {
        var separator = expression.Split('\'')[1];
        AssertMatches(expression, row =>
        {
            var index = expression.Contains(", n)", StringComparison.Ordinal) ? row.N : int.Parse(expression.Split(", ")[2].TrimEnd(')'), System.Globalization.CultureInfo.InvariantCulture);
            if (row.S is null || index is null || index < 0)
            {
                return null;
            }

            // Flink: the pieces between whole separators (StringUtils.splitByWholeSeparatorPreserveAllTokens).
            if (row.S.Length == 0)
            {
                return null;
            }

            var pieces = row.S.Split(separator);
            return index < pieces.Length ? pieces[index.Value] : null;
        });
    }

    [Theory]
    [InlineData("REPLACE(s, 'a', '')", "a", "")]
    [InlineData("REPLACE(s, 'a', 'K')", "a", "K")]
    [InlineData("REPLACE(s, '&', '&&')", "&", "&&")]
    [InlineData("REPLACE(s, 'channel_id=', '')", "channel_id=", "")]
    [InlineData("REPLACE(s, 'channel_id=', 'c=')", "channel_id=", "c=")]
    [InlineData("REPLACE(s, 'ü', 'ue')", "ü", "ue")]
    [InlineData("REPLACE(s, '日本', '')", "日本", "")]
    [InlineData("REPLACE(s, 'x', '日本')", "x", "日本")]
    [InlineData("REPLACE(s, '//', '/')", "//", "/")]
    public void ReplaceOfConstantsMatchesTheReference(string expression, string search, string replacement)
    {
        Assert.IsType<ReplaceKernel>(Compile(expression).Root);

        // Flink (Java's String.replace): every occurrence, left to right, not overlapping.
        AssertMatches(expression, row => row.S?.Replace(search, replacement, StringComparison.Ordinal));
        AssertMatches($"CHAR_LENGTH(s) - CHAR_LENGTH({expression})",
            row => row.S is null ? null : row.S.EnumerateRunes().Count() - row.S.Replace(search, replacement, StringComparison.Ordinal).EnumerateRunes().Count());
    }

    [Theory]
    [InlineData("c")]
    [InlineData("a")]
    [InlineData(" ")]
    [InlineData("&")]
    public void CountOfOneAsciiCharacterIsOneKernelWithTheFormulasResult(string character)
    {
        var expression = $"CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, '{character}', ''))";
        Assert.IsType<CharCountKernel>(Compile(expression).Root);

        // The number of code points the replacement removes: the occurrences of the character.
        AssertMatches(expression, row => row.S is null ? null : row.S.EnumerateRunes().Count() - row.S.Replace(character, "", StringComparison.Ordinal).EnumerateRunes().Count());
    }

    [Theory]
    [InlineData("CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, 'ü', ''))")]
    [InlineData("CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, 'ab', ''))")]
    [InlineData("CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, 'a', 'b'))")]
    [InlineData("CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(v, 'a', ''))")]
    [InlineData("CHAR_LENGTH(v) - CHAR_LENGTH(REPLACE(s, 'a', ''))")]
    public void OtherDifferencesOfLengthsKeepTheGeneralKernels(string expression) =>
        Assert.IsNotType<CharCountKernel>(Compile(expression).Root);

    [Theory]
    [InlineData("REPLACE(s, '', 'x')")]
    [InlineData("REPLACE(s, v, '')")]
    [InlineData("REPLACE(s, 'a', v)")]
    public void ReplaceOfAnEmptyOrVaryingSearchKeepsTheGeneralKernel(string expression) =>
        Assert.IsType<StringFunctionKernel>(Compile(expression).Root);

    private static CompiledExpression Compile(string expression)
    {
        var plan = Planner.Bind(SqlParser.ParseStatement($"SELECT {expression} FROM u"), Catalog.Value);
        var project = Assert.IsType<Project>(plan);
        return ExpressionCompiler.Compile(project.Projections[0], TableSchema);
    }

    /// <summary>Evaluates on random batches, whole and on random subsets, and compares every row with the reference.</summary>
    private static void AssertMatches(string expression, Func<(string? S, int? N, string? V), object?> reference, bool skipReference = false)
    {
        var compiled = Compile(expression);
        for (var seed = 0; seed < 4; seed++)
        {
            var random = new Random(seed);
            var rows = new List<(string? S, int? N, string? V)>();
            using var builder = new RecordBatchBuilder(TableSchema);
            for (var i = 0; i < 300; i++)
            {
                var s = random.Next(8) == 0 ? null : RandomText(random, 6);
                int? n = random.Next(8) == 0 ? null : random.Next(-1, 5);
                var v = random.Next(8) == 0 ? null : RandomText(random, 3);
                rows.Add((s, n, v));
                builder.AppendRow(s, n, v);
            }

            using var batch = builder.Build();
            using var whole = compiled.Evaluate(batch);
            var subset = Enumerable.Range(0, rows.Count).Where(_ => random.Next(3) == 0).ToArray();
            using var part = compiled.EvaluateRows(batch, subset);
            for (var i = 0; i < rows.Count; i++)
            {
                var actual = whole.GetValue(i);
                if (!skipReference)
                {
                    var expected = reference(rows[i]);
                    Assert.True(Equals(expected, actual), $"{expression} on ({Show(rows[i].S)}, {rows[i].N}, {Show(rows[i].V)}): expected {Show(expected)}, got {Show(actual)}");
                }
            }

            for (var j = 0; j < subset.Length; j++)
            {
                Assert.Equal(whole.GetValue(subset[j]), part.GetValue(j));
            }
        }
    }

    private static string RandomText(Random random, int maxPieces)
    {
        var builder = new StringBuilder();
        var count = random.Next(maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("\n", "\\n", StringComparison.Ordinal) + "'",
        _ => value.ToString() ?? "?",
    };
}
