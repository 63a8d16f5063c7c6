using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Every kernel computes the same values on a subset of rows (the frames CASE, COALESCE, AND/OR and selections use)
/// as on the whole batch: random subsets of random batches, for expressions covering every kind of kernel.
/// </summary>
public sealed class SubsetEvaluationTests
{
    public static TheoryData<string> Expressions => new()
    {
        "a + b", "c * 2", "d / 3", "a % b", "-d", "e + f", "e * e", "e / b", "a = b", "s < t", "e > f", "h <= CAST(g AS TIMESTAMP(3))",
        "p AND q", "p OR q", "NOT p", "a IS NULL", "p IS NOT TRUE", "a IS DISTINCT FROM b", "a IN (1, 2, 3)", "s IN ('a', 'B')",
        "a BETWEEN -5 AND 5", "s LIKE '%a%'", "s SIMILAR TO '(a|b)%'", "CASE WHEN p THEN s ELSE t END", "COALESCE(a, b)", "NULLIF(a, b)",
        "IF(q, e, f)", "GREATEST(a, b)", "LEAST(s, t)", "CAST(a AS STRING)", "CAST(d AS DECIMAL(10, 1))", "CAST(e AS DOUBLE)",
        "CAST(h AS STRING)", "CAST(i AS TIMESTAMP(3))", "CAST(g AS TIMESTAMP(3))", "TRY_CAST(s AS INT)", "CAST(arr AS ARRAY<STRING>)",
        "ABS(a)", "ROUND(d, 1)", "FLOOR(e)", "SQRT(d)", "POWER(a, 2)", "SIGN(d)", "UPPER(s)", "INITCAP(t)", "CHAR_LENGTH(s)",
        "SUBSTRING(s, 2)", "TRIM(s)", "REPLACE(s, 'a', 'b')", "POSITION('a' IN s)", "LPAD(s, 5, '*')", "REVERSE(s)",
        "CONCAT_WS('-', s, t)", "s || t", "REGEXP_REPLACE(s, 'a', 'x')", "SPLIT_INDEX(s, 'a', 0)", "MD5(s)", "TO_BASE64(s)",
        "EXTRACT(MONTH FROM h)", "FLOOR(h TO DAY)", "TIMESTAMPADD(DAY, a, g)", "TIMESTAMPDIFF(HOUR, h, CAST(i AS TIMESTAMP(3)))",
        "DATE_FORMAT(h, 'yyyy-MM-dd')", "h + INTERVAL '1' MONTH", "UNIX_TIMESTAMP(CAST(h AS STRING))", "FROM_UNIXTIME(c)",
        "JSON_VALUE(k, '$.a')", "JSON_QUERY(k, '$.b')", "JSON_EXISTS(k, '$.arr')", "JSON_OBJECT('a' VALUE a)", "JSON_STRING(arr)",
        "arr[1]", "m['a']", "r.y", "CARDINALITY(arr)", "ARRAY[a, b]", "MAP[s, a]", "ROW(a, s)", "ARRAY_CONTAINS(arr, 1)",
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void SubsetsAgreeWithTheWholeBatch(string expression)
    {
        var compiled = Compile(expression);
        for (var seed = 0; seed < 3; seed++)
        {
            using var batch = RandomBatches.Create(seed, rows: 150);
            var whole = Values(compiled, batch);
            var random = new Random(seed + 17);
            var rows = Enumerable.Range(0, batch.PhysicalRowCount).Where(_ => random.Next(3) == 0).ToArray();
            using var subset = compiled.EvaluateRows(batch, rows);
            Assert.Equal(rows.Length, subset.Length);
            for (var j = 0; j < rows.Length; j++)
            {
                Assert.True(ValuesEqual(whole[rows[j]], subset.GetValue(j)),
                    $"{expression}, row {rows[j]}: whole batch {Show(whole[rows[j]])}, subset {Show(subset.GetValue(j))}");
            }
        }
    }
}
