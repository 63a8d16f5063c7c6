using Sluice.Core.Errors;
using Sluice.Sql.Physical.Expressions;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Selection-aware evaluation: conditional branches, short-circuit logic and batch selections evaluate a failing
/// expression only on the rows that reach it (column a is 0 on some rows of every batch).
/// </summary>
public sealed class ConditionalEvaluationTests
{
    private static int? A(object?[] v) => v[0] as int?;

    [Fact]
    public void EveryBatchHasRowsWhereTheDivisorIsZero()
    {
        using var batch = RandomBatches.Create(0);
        Assert.Contains(Enumerable.Range(0, batch.PhysicalRowCount), row => batch.Column(0).GetValue(row) is 0);
        var error = Assert.Throws<SluiceException>(() => Compile("100 / a").Evaluate(batch));
        Assert.Equal(ErrorDomain.User, error.Domain);
    }

    [Fact]
    public void CaseEvaluatesABranchOnlyOnTheRowsThatTakeIt()
    {
        Matches("CASE WHEN a <> 0 THEN 100 / a END", v => A(v) is { } a && a != 0 ? 100 / a : null);
        Matches("CASE WHEN a = 0 THEN -1 WHEN a > 10 THEN 1000 / a ELSE 100 % a END",
            v => A(v) is not { } a ? null : (object)(a == 0 ? -1 : a > 10 ? 1000 / a : 100 % a));
        Matches("CASE a WHEN 0 THEN 'zero' WHEN 1 THEN 'one' ELSE CAST(100 / a AS STRING) END",
            v => A(v) switch { null => null, 0 => "zero", 1 => "one", int a => (100 / a).ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    [Fact]
    public void ConditionsAfterTheFirstTrueOneAreNotEvaluated()
    {
        // The second condition divides by a; rows with a = 0 take the first branch and never reach it.
        Matches("CASE WHEN a = 0 OR a IS NULL THEN 0 WHEN 100 / a > 5 THEN 1 ELSE 2 END",
            v => A(v) is not { } a || a == 0 ? 0 : 100 / a > 5 ? 1 : 2);
    }

    [Fact]
    public void AFailingCastInAnUntakenBranchDoesNotFail()
    {
        Matches("CASE WHEN s = '12' THEN CAST(s AS INT) ELSE -1 END", v => v[4] as string == "12" ? 12 : -1);
        Assert.Equal(-1, Value("CASE WHEN 1 = 2 THEN CAST('abc' AS INT) ELSE -1 END"));
    }

    [Fact]
    public void IfNullIfAndCoalesceShortCircuit()
    {
        Matches("IF(a = 0, -1, 100 / a)", v => A(v) is { } a ? (a == 0 ? -1 : 100 / a) : null);
        Matches("COALESCE(CASE WHEN a = 0 THEN 0 END, 100 / a)", v => A(v) is { } a ? (a == 0 ? 0 : 100 / a) : null);
        Matches("COALESCE(NULLIF(a, 0), 1)", v => A(v) is { } a && a != 0 ? a : 1);
        Matches("100 / COALESCE(NULLIF(a, 0), 7)", v => 100 / (A(v) is { } a && a != 0 ? a : 7));
        Matches("IFNULL(s, t)", v => v[4] ?? v[5]);
    }

    [Fact]
    public void AndAndOrSkipTheRightOperandWhereTheLeftDecides()
    {
        Matches("a <> 0 AND 100 / a > 5", v => A(v) is not { } a ? (bool?)null : a == 0 ? false : 100 / a > 5);
        Matches("a = 0 OR 100 / a > 5", v => A(v) is not { } a ? (bool?)null : a == 0 ? true : 100 / a > 5);
        var predicate = ExpressionCompiler.CompilePredicate(BindCondition("a <> 0 AND 100 / a > 5"), RandomBatches.Schema);
        using var batch = RandomBatches.Create(4);
        var rows = new int[batch.PhysicalRowCount];
        var count = predicate.Filter(batch, rows);
        var expected = Enumerable.Range(0, batch.PhysicalRowCount).Where(r => batch.Column(0).GetValue(r) is int a && a != 0 && 100 / a > 5);
        Assert.Equal(expected, rows[..count]);
    }

    [Fact]
    public void ABatchSelectionLimitsEvaluationToTheSelectedRows()
    {
        var compiled = Compile("100 / a");
        var batch = RandomBatches.Create(2);
        var selection = Enumerable.Range(0, batch.PhysicalRowCount).Where(r => batch.Column(0).GetValue(r) is not 0).ToArray();
        var expected = Enumerable.Range(0, batch.PhysicalRowCount)
            .Select(r => selection.Contains(r) && batch.Column(0).GetValue(r) is int a ? (object?)(100 / a) : null).ToArray();
        using var selected = batch.WithSelection(selection);
        var values = Values(compiled, selected);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void FilterEvaluatesOnlyTheSelectedRows()
    {
        var predicate = ExpressionCompiler.CompilePredicate(BindCondition("100 / a > 3"), RandomBatches.Schema);
        var batch = RandomBatches.Create(3);
        var selection = Enumerable.Range(0, batch.PhysicalRowCount).Where(r => batch.Column(0).GetValue(r) is int a && a != 0).ToArray();
        var expected = selection.Where(r => 100 / (int)batch.Column(0).GetValue(r)! > 3).ToArray();
        using var selected = batch.WithSelection(selection);
        var output = new int[selection.Length];
        var count = predicate.Filter(selected, output);
        Assert.Equal(expected, output[..count]);
    }

    [Fact]
    public void CaseOverEveryResultTypeMatchesTheReference()
    {
        Matches("CASE WHEN p THEN e ELSE f END", v => (bool?)v[6] == true ? v[8] : v[9]);
        Matches("CASE WHEN p THEN h END", v => (bool?)v[6] == true ? v[11] : null);
        Matches("CASE WHEN q THEN s ELSE 'none' END", v => (bool?)v[7] == true ? v[4] : "none");
        Matches("CASE WHEN p THEN arr ELSE ARRAY[0] END", v => (bool?)v[6] == true ? v[15] : new object?[] { 0 });
        Matches("CASE WHEN p THEN q END", v => (bool?)v[6] == true ? v[7] : null);
    }

    [Fact]
    public void RandomSelectionsAgreeWithTheWholeBatch()
    {
        var compiled = Compile("CASE WHEN b > 0 THEN CONCAT(s, t) WHEN p THEN UPPER(s) ELSE COALESCE(t, 'x') END");
        for (var seed = 0; seed < 4; seed++)
        {
            using var whole = RandomBatches.Create(seed);
            var all = Values(compiled, whole);
            var random = new Random(seed);
            var batch = RandomBatches.Create(seed);
            var selection = Enumerable.Range(0, batch.PhysicalRowCount).Where(_ => random.Next(3) == 0).ToArray();
            using var selected = batch.WithSelection(selection);
            var some = Values(compiled, selected);
            foreach (var row in selection)
            {
                Assert.Equal(all[row], some[row]);
            }
        }
    }
}
