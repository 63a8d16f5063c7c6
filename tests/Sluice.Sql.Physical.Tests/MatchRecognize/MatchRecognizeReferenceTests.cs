using System.Text.RegularExpressions;
using static Sluice.Sql.Physical.Tests.MatchRecognize.MatchTesting;

namespace Sluice.Sql.Physical.Tests.MatchRecognize;

/// <summary>
/// The pattern simulation against an independent reference: every row is exactly one of A, B, C (by its value), so the
/// matches are those of a backtracking regular expression over the rows' letters (leftmost start, then the preferred match
/// of greedy and lazy quantifiers and alternatives, as SQL:2016 prefers them), searched again after each match where the
/// skip strategy says.
/// </summary>
public sealed class MatchRecognizeReferenceTests
{
    public static TheoryData<string> Patterns => new()
    {
        "A B* C", "A B*? C", "A+ B", "A+? B", "A? B C", "A?? B C", "A{2} B", "A{2,} C", "A{1,3} B", "A{1,3}? B", "A{,2} C",
        "(A | B)+ C", "(A B)+? C", "A (B | C) A", "(A | B C)* C", "A B+ C", "(A B?)+ C", "B (A C | A) B", "(A | A B) C",
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void RandomRows_MatchLikeARegularExpression(string pattern)
    {
        foreach (var skip in new[] { "PAST LAST ROW", "TO NEXT ROW" })
        {
            var clauses = $"ORDER BY ts MEASURES FIRST(id) AS s, LAST(id) AS e AFTER MATCH SKIP {skip} PATTERN ({pattern}) "
                + "DEFINE " + string.Join(", ", "ABC".Where(pattern.Contains).Select(v => $"{v} AS {v}.v = {v - 'A'}"));
            var regex = new Regex(Regex.Replace(pattern.Replace(" ", "", StringComparison.Ordinal), @"\{,", "{0,"), RegexOptions.CultureInvariant);
            for (var seed = 0; seed < 12; seed++)
            {
                var random = new Random(seed * 7919 + pattern.Length);
                // A last row that is no variable ends every partial match, so that no match stays held back by a more
                // preferred partial match that the end of the input leaves open (as in Flink).
                var values = Enumerable.Range(0, 40).Select(_ => (long)random.Next(3)).Append(3).ToArray();
                var text = new string(values.Select(v => (char)('A' + v)).ToArray());
                var expected = new List<string>();
                for (var m = regex.Match(text, 0); m.Success; m = regex.Match(text, skip == "PAST LAST ROW" ? m.Index + m.Length : m.Index + 1))
                {
                    expected.Add($"+I[{m.Index}, {m.Index + m.Length - 1}]");
                    if (m.Index + 1 >= text.Length)
                    {
                        break;
                    }
                }

                var rows = values.Select((v, i) => ("k", (long)i, v, (long)i * 10)).ToArray();
                var actual = Run(clauses, rows);
                Assert.True(expected.SequenceEqual(actual), $"{pattern}, SKIP {skip}, {text}: expected {string.Join(" ", expected)}, got {string.Join(" ", actual)}");
            }
        }
    }
}
