using System.Text;
using Sluice.Sql.Syntax;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Properties;

/// <summary>
/// Seeded mutations of valid statements. Whatever the input, the parser either succeeds or throws a
/// <see cref="SqlException"/> positioned inside the input; when it succeeds, the formatted text parses back to the
/// same canonical text. <c>SLUICE_FUZZ_SCALE</c> multiplies the case counts and <c>SLUICE_FUZZ_SEED</c> shifts the
/// seeds, for longer campaigns than the default run.
/// </summary>
public class FuzzTests
{
    private static readonly string[] TokenPool =
    [
        "(", ")", "[", "]", ",", ";", ".", "*", "+", "-", "/", "%", "||", "=", "<>", "<", ">=", "=>", "::", "/*+", "*/",
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "AS", "JOIN", "ON", "LEFT", "UNION", "ALL", "DISTINCT", "CASE",
        "WHEN", "THEN", "ELSE", "END", "CAST", "NOT", "NULL", "IS", "IN", "BETWEEN", "AND", "OR", "LIKE", "INTERVAL",
        "TABLE", "LATERAL", "UNNEST", "WITH", "VALUES", "OVER", "PARTITION", "ROWS", "RANGE", "FILTER", "ROW", "ARRAY",
        "MAP", "CREATE", "INSERT", "INTO", "WATERMARK", "FOR", "PRIMARY", "KEY", "METADATA", "VIRTUAL", "COMMENT", "LIKE",
        "TIMESTAMP", "DATE", "DESCRIPTOR", "TUMBLE", "SYSTEM_TIME", "OF", "STATEMENT", "SET", "BEGIN", "EXECUTE", "KEY",
        "VALUE", "TRIM", "BOTH", "EXTRACT", "SECOND", "MINUTE", "TO", "JSON_VALUE", "DEFAULT", "EMPTY", "ERROR",
        "TIMESTAMPADD", "DAY", "x", "y", "`q`", "'s'", "X'00'", "1", "2.5", "1e3", "TRUE", "ARRAY<INT>", "`select`",
    ];

    private const string Punctuation = "'`\"()[]*/-+;,.<>=!|:?$#@\\{}\r\n\t";

    private static readonly string[] Corpus = SqlCorpus.Statements;

    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("SLUICE_FUZZ_SCALE"), out var scale) ? scale : 1;

    private static readonly int SeedShift = int.TryParse(Environment.GetEnvironmentVariable("SLUICE_FUZZ_SEED"), out var seed) ? seed : 0;

    [Fact]
    public void Fuzz_TokenMutations_OnlyPositionedSqlExceptions()
    {
        var random = new Random(20240601 + SeedShift);
        var failures = new List<string>();
        var parsed = 0;
        for (var i = 0; i < 4000 * Scale; i++)
        {
            var sql = Corpus[random.Next(Corpus.Length)];
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                sql = MutateTokens(sql, random);
            }

            if (Check(sql, failures))
            {
                parsed++;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
        Assert.InRange(parsed, 1, (4000 * Scale) - 1);
    }

    [Fact]
    public void Fuzz_TextMutations_OnlyPositionedSqlExceptions()
    {
        var random = new Random(77 + SeedShift);
        var failures = new List<string>();
        for (var i = 0; i < 2000 * Scale; i++)
        {
            var sql = Corpus[random.Next(Corpus.Length)];
            sql = random.Next(4) switch
            {
                0 => sql[..random.Next(sql.Length + 1)],
                1 => ReplaceCharacters(sql, random),
                2 => InsertCharacters(sql, random),
                _ => string.Concat(sql.AsSpan(0, random.Next(sql.Length + 1)), RandomText(random, 1 + random.Next(8))),
            };
            Check(sql, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    [Fact]
    public void Fuzz_DeepNesting_OnlyPositionedSqlExceptions()
    {
        var random = new Random(5 + SeedShift);
        string[] openers = ["(", "- ", "NOT ", "ARRAY[", "f(", "(SELECT ", "ROW(", "CAST(", "CASE WHEN ", "ARRAY<", "x[", "EXISTS (SELECT "];
        var failures = new List<string>();
        for (var i = 0; i < 300 * Scale; i++)
        {
            var sql = Corpus[random.Next(Corpus.Length)];
            var tokens = Lexer.Tokenize(sql);
            var at = tokens[random.Next(tokens.Count)].Span.Start;
            var opener = openers[random.Next(openers.Length)];
            var depth = random.Next(2) == 0 ? random.Next(1, 600) : random.Next(600, 5000);
            var nested = string.Concat(sql.AsSpan(0, at), string.Concat(Enumerable.Repeat(opener, depth)), sql.AsSpan(at));
            Check(nested, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    /// <summary>Parses <paramref name="sql"/>; records a failure for anything but a well-positioned SqlException or a stable round trip.</summary>
    private static bool Check(string sql, List<string> failures)
    {
        try
        {
            var statements = SqlParser.ParseScript(sql);
            var formatted = SqlFormatter.FormatScript(statements);
            string again;
            try
            {
                var reparsed = SqlParser.ParseScript(formatted);
                again = SqlFormatter.FormatScript(reparsed);
                EqualIgnoringSpans(statements, reparsed);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add($"formatted text parses to another tree: {e.Message}\n  input:     {sql}\n  formatted: {formatted}");
                return true;
            }
            catch (SqlException e)
            {
                failures.Add($"formatted text does not parse: {e.Message}\n  input:     {sql}\n  formatted: {formatted}");
                return true;
            }

            if (again != formatted)
            {
                failures.Add($"formatting is not a fixed point\n  input: {sql}\n  once:  {formatted}\n  twice: {again}");
            }

            return true;
        }
        catch (SqlException e)
        {
            try
            {
                PositionIsValid(e, sql);
            }
            catch (Exception assertion)
            {
                failures.Add($"bad position: {assertion.Message}\n  message: {e.Message}\n  input: {sql}");
            }

            return false;
        }
        catch (Exception e)
        {
            failures.Add($"{e.GetType().Name}: {e.Message}\n  input: {sql}\n{e.StackTrace}");
            return false;
        }
    }

    private static string MutateTokens(string sql, Random random)
    {
        IReadOnlyList<Token> tokens;
        try
        {
            tokens = Lexer.Tokenize(sql);
        }
        catch (SqlException)
        {
            return sql;
        }

        var pieces = tokens.Where(t => t.Kind != TokenKind.EndOfInput).Select(t => t.Text).ToList();
        if (pieces.Count == 0)
        {
            return RandomToken(random);
        }

        var i = random.Next(pieces.Count);
        switch (random.Next(6))
        {
            case 0:
                pieces.RemoveAt(i);
                break;
            case 1:
                pieces.Insert(i, RandomToken(random));
                break;
            case 2 when i + 1 < pieces.Count:
                (pieces[i], pieces[i + 1]) = (pieces[i + 1], pieces[i]);
                break;
            case 3:
                pieces.Insert(i, pieces[i]);
                break;
            case 4:
                pieces[i] = RandomToken(random);
                break;
            default:
                pieces.RemoveRange(i, pieces.Count - i);
                break;
        }

        return string.Join(" ", pieces);
    }

    private static string RandomToken(Random random) => TokenPool[random.Next(TokenPool.Length)];

    private static string ReplaceCharacters(string sql, Random random)
    {
        var builder = new StringBuilder(sql);
        var count = 1 + random.Next(4);
        for (var i = 0; i < count && builder.Length > 0; i++)
        {
            builder[random.Next(builder.Length)] = RandomChar(random);
        }

        return builder.ToString();
    }

    private static string InsertCharacters(string sql, Random random) =>
        sql.Insert(random.Next(sql.Length + 1), RandomText(random, 1 + random.Next(4)));

    private static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(RandomChar(random));
        }

        return builder.ToString();
    }

    private static char RandomChar(Random random) => random.Next(5) switch
    {
        0 => (char)random.Next(0, 32),
        1 => Punctuation[random.Next(Punctuation.Length)],
        2 => (char)random.Next(0xD800, 0xE000),
        3 => (char)random.Next(0x80, 0xFFFF),
        _ => (char)random.Next(32, 127),
    };
}
