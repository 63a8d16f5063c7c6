using System.Globalization;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

public sealed class ExpressionCompilerTests
{
    private static readonly DataType Bool = DataTypes.Boolean();

    private static BoundInputRef Col(int index) => new(index, RandomBatches.Schema[index].Name, RandomBatches.Schema[index].DataType);

    private static BoundCall Call(FunctionDefinition f, DataType type, params BoundExpression[] operands) => BoundCall.Create(f, type, operands);

    private static FunctionDefinition Named(string name) => BuiltInFunctions.All.First(f => f.Name == name);

    private static void AssertMatches(BoundExpression expression, Func<object?[], object?> reference, int batches = 3)
    {
        var compiled = ExpressionCompiler.Compile(expression, RandomBatches.Schema);
        for (var seed = 0; seed < batches; seed++)
        {
            using var batch = RandomBatches.Create(seed);
            using var result = compiled.Evaluate(batch);
            Assert.Equal(batch.PhysicalRowCount, result.Length);
            for (var row = 0; row < batch.PhysicalRowCount; row++)
            {
                var values = Enumerable.Range(0, batch.ColumnCount).Select(c => batch.Column(c).GetValue(row)).ToArray();
                var expected = reference(values);
                Assert.True(Equals(expected, result.GetValue(row)), $"row {row}: expected {expected ?? "NULL"}, got {result.GetValue(row) ?? "NULL"} for {string.Join(",", values)}");
            }
        }
    }

    private static object? Nullable2<T>(object?[] v, int i, int j, Func<T, T, object?> f) =>
        v[i] is T x && v[j] is T y ? f(x, y) : null;

    [Theory]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("/")]
    [InlineData("%")]
    public void IntArithmeticMatchesReference(string op)
    {
        var (f, compute) = op switch
        {
            "+" => (BuiltInFunctions.Plus, (Func<int, int, int>)((x, y) => x + y)),
            "-" => (BuiltInFunctions.Minus, (x, y) => x - y),
            "*" => (BuiltInFunctions.Multiply, (x, y) => x * y),
            "/" => (BuiltInFunctions.Divide, (x, y) => x / y),
            _ => (BuiltInFunctions.Modulo, (Func<int, int, int>)((x, y) => x % y)),
        };
        AssertMatches(Call(f, DataTypes.Int(), Col(0), Col(1)), v => Nullable2<int>(v, 0, 1, (x, y) => compute(x, y)));
    }

    [Fact]
    public void MixedIntBigIntAndDoubleArithmeticPromotes()
    {
        AssertMatches(Call(BuiltInFunctions.Plus, DataTypes.BigInt(), Col(0), Col(2)),
            v => v[0] is int x && v[2] is long y ? x + y : null);
        AssertMatches(Call(BuiltInFunctions.Multiply, DataTypes.Double(), Col(3), Col(0)),
            v => v[3] is double x && v[0] is int y ? x * y : null);
        AssertMatches(Call(BuiltInFunctions.Negate, DataTypes.Int(), Col(0)), v => v[0] is int x ? -x : null);
    }

    [Fact]
    public void IntegerDivisionByZeroIsAUserError()
    {
        var expression = Call(BuiltInFunctions.Divide, DataTypes.Int(), Col(0), new BoundLiteral(0, DataTypes.Int().NotNull()));
        var compiled = ExpressionCompiler.Compile(expression, RandomBatches.Schema);
        using var batch = RandomBatches.Create(1);
        var error = Assert.Throws<SluiceException>(() => compiled.Evaluate(batch));
        Assert.Equal(ErrorDomain.User, error.Domain);
    }

    public static TheoryData<string> Comparisons => new() { "=", "<>", "<", "<=", ">", ">=" };

    private static (FunctionDefinition, Func<int, bool>) Comparison(string op) => op switch
    {
        "=" => (BuiltInFunctions.EqualTo, c => c == 0),
        "<>" => (BuiltInFunctions.NotEqualTo, c => c != 0),
        "<" => (BuiltInFunctions.LessThan, c => c < 0),
        "<=" => (BuiltInFunctions.LessThanOrEqual, c => c <= 0),
        ">" => (BuiltInFunctions.GreaterThan, c => c > 0),
        _ => (BuiltInFunctions.GreaterThanOrEqual, c => c >= 0),
    };

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void ComparisonsMatchReference(string op)
    {
        var (f, holds) = Comparison(op);
        AssertMatches(Call(f, Bool, Col(0), Col(1)), v => Nullable2<int>(v, 0, 1, (x, y) => holds(x.CompareTo(y))));
        AssertMatches(Call(f, Bool, Col(0), Col(2)), v => v[0] is int x && v[2] is long y ? holds(((long)x).CompareTo(y)) : null);
        AssertMatches(Call(f, Bool, Col(3), Col(0)), v => v[3] is double x && v[0] is int y ? holds(x.CompareTo((double)y)) : null);
        AssertMatches(Call(f, Bool, Col(4), Col(5)), v => Nullable2<string>(v, 4, 5, (x, y) => holds(Utf8Order(x, y))));
        AssertMatches(Call(f, Bool, Col(6), Col(7)), v => Nullable2<bool>(v, 6, 7, (x, y) => holds(x.CompareTo(y))));
    }

    private static int Utf8Order(string x, string y) =>
        Math.Sign(System.Text.Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y)));

    [Theory]
    [InlineData(true, true, true, true)]
    [InlineData(true, false, false, true)]
    [InlineData(true, null, null, true)]
    [InlineData(false, true, false, true)]
    [InlineData(false, false, false, false)]
    [InlineData(false, null, false, null)]
    [InlineData(null, true, null, true)]
    [InlineData(null, false, false, null)]
    [InlineData(null, null, null, null)]
    public void ThreeValuedLogicTruthTable(bool? a, bool? b, bool? and, bool? or)
    {
        using var batch = RandomBatches.Create(0, rows: 3);
        BoundExpression Lit(bool? v) => v is null ? BoundLiteral.Null(Bool) : new BoundLiteral(v.Value, Bool.NotNull());
        using var andResult = ExpressionCompiler.Compile(Call(BuiltInFunctions.And, Bool, Lit(a), Lit(b)), RandomBatches.Schema).Evaluate(batch);
        using var orResult = ExpressionCompiler.Compile(Call(BuiltInFunctions.Or, Bool, Lit(a), Lit(b)), RandomBatches.Schema).Evaluate(batch);
        using var notResult = ExpressionCompiler.Compile(Call(BuiltInFunctions.Not, Bool, Lit(a)), RandomBatches.Schema).Evaluate(batch);
        for (var row = 0; row < 3; row++)
        {
            Assert.Equal(and, (bool?)andResult.GetValue(row));
            Assert.Equal(or, (bool?)orResult.GetValue(row));
            Assert.Equal(a is null ? null : !a, (bool?)notResult.GetValue(row));
        }
    }

    [Fact]
    public void LogicOverColumnsMatchesReference()
    {
        AssertMatches(Call(BuiltInFunctions.And, Bool, Col(6), Col(7)),
            v => (bool?)v[6] == false || (bool?)v[7] == false ? false : v[6] is null || v[7] is null ? null : true);
        AssertMatches(Call(BuiltInFunctions.Or, Bool, Col(6), Col(7)),
            v => (bool?)v[6] == true || (bool?)v[7] == true ? true : v[6] is null || v[7] is null ? null : false);
        AssertMatches(Call(BuiltInFunctions.IsNull, Bool.NotNull(), Col(4)), v => v[4] is null);
        AssertMatches(Call(BuiltInFunctions.IsNotNull, Bool.NotNull(), Col(0)), v => v[0] is not null);
    }

    [Fact]
    public void CaseTakesFirstTrueBranchAndNullConditionsAreFalse()
    {
        var expression = new BoundCase(
            new([Call(BuiltInFunctions.GreaterThan, Bool, Col(0), new BoundLiteral(10, DataTypes.Int().NotNull())), Col(6)]),
            new([Col(2), Col(0)]),
            BoundLiteral.Null(DataTypes.BigInt()),
            DataTypes.BigInt());
        AssertMatches(expression, v => v[0] is int a && a > 10 ? v[2] : (bool?)v[6] == true ? (v[0] is int x ? (long)x : null) : null);
    }

    [Fact]
    public void CoalesceTakesFirstNonNull()
    {
        AssertMatches(Call(BuiltInFunctions.Coalesce, DataTypes.Int(), Col(0), Col(1), new BoundLiteral(-1, DataTypes.Int().NotNull())),
            v => v[0] ?? v[1] ?? -1);
        AssertMatches(Call(BuiltInFunctions.Coalesce, DataTypes.String(), Col(4), Col(5)), v => v[4] ?? v[5]);
    }

    [Fact]
    public void CastsBetweenNumbersAndStrings()
    {
        AssertMatches(new BoundCast(Col(0), DataTypes.String()), v => (v[0] as int?)?.ToString(CultureInfo.InvariantCulture));
        AssertMatches(new BoundCast(Col(0), DataTypes.Double()), v => (double?)(v[0] as int?));
        AssertMatches(new BoundCast(Col(2), DataTypes.Int()), v => (int?)(v[2] as long?));
        AssertMatches(new BoundCast(Col(3), DataTypes.BigInt()), v => (long?)(v[3] as double?));
        AssertMatches(new BoundCast(new BoundCast(Col(3), DataTypes.String()), DataTypes.Double()), v => v[3]);
        AssertMatches(new BoundCast(Col(4), DataTypes.Int(), IsTry: true),
            v => v[4] is string s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null);
    }

    [Fact]
    public void CastOfABadStringIsAUserError()
    {
        var compiled = ExpressionCompiler.Compile(new BoundCast(Col(4), DataTypes.Int()), RandomBatches.Schema);
        using var batch = RandomBatches.Create(2);
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => compiled.Evaluate(batch)).Domain);
    }

    [Fact]
    public void StringFunctionsMatchReference()
    {
        AssertMatches(Call(BuiltInFunctions.Upper, DataTypes.String(), Col(4)), v => (v[4] as string)?.ToUpperInvariant().Replace("ß", "SS", StringComparison.Ordinal));
        AssertMatches(Call(BuiltInFunctions.Lower, DataTypes.String(), Col(4)), v => (v[4] as string)?.ToLowerInvariant());
        AssertMatches(Call(Named("CHAR_LENGTH"), DataTypes.Int(), Col(4)), v => (v[4] as string)?.Length);
        AssertMatches(Call(BuiltInFunctions.Concat, DataTypes.String(), Col(4), Col(5)), v => Nullable2<string>(v, 4, 5, (x, y) => x + y));
        AssertMatches(Call(Named("CONCAT"), DataTypes.String(), Col(4), new BoundLiteral("-", DataTypes.String().NotNull()), Col(5)),
            v => Nullable2<string>(v, 4, 5, (x, y) => x + "-" + y));
    }

    [Fact]
    public void FilterSelectsRowsWhereThePredicateIsTrue()
    {
        var predicate = ExpressionCompiler.CompilePredicate(
            Call(BuiltInFunctions.Or, Bool, Call(BuiltInFunctions.GreaterThan, Bool, Col(0), Col(1)), Col(6)), RandomBatches.Schema);
        for (var seed = 0; seed < 5; seed++)
        {
            using var batch = RandomBatches.Create(seed, rows: 130 + seed);
            var selected = new int[batch.PhysicalRowCount];
            var count = predicate.Filter(batch, selected);
            var expected = Enumerable.Range(0, batch.PhysicalRowCount).Where(row =>
            {
                var a = batch.Column(0).GetValue(row) as int?;
                var b = batch.Column(1).GetValue(row) as int?;
                return a > b || batch.Column(6).GetValue(row) as bool? == true;
            }).ToArray();
            Assert.Equal(expected, selected[..count]);
        }
    }

    [Fact]
    public void FilterConsidersOnlyTheBatchSelection()
    {
        var predicate = ExpressionCompiler.CompilePredicate(Call(BuiltInFunctions.IsNotNull, Bool.NotNull(), Col(0)), RandomBatches.Schema);
        var batch = RandomBatches.Create(3, rows: 100);
        int[] rows = [1, 5, 64, 65, 99];
        var expected = rows.Where(r => !batch.Column(0).IsNull(r)).ToArray();
        using var selected = batch.WithSelection(rows);
        var output = new int[rows.Length];
        var count = predicate.Filter(selected, output);
        Assert.Equal(expected, output[..count]);
    }

    [Fact]
    public void CompiledOnceGivesTheSameResultsOnRepeatedBatches()
    {
        var compiled = ExpressionCompiler.Compile(
            Call(BuiltInFunctions.Concat, DataTypes.String(), Call(BuiltInFunctions.Upper, DataTypes.String(), Col(4)), new BoundCast(Col(0), DataTypes.String())),
            RandomBatches.Schema);
        for (var seed = 0; seed < 4; seed++)
        {
            using var first = RandomBatches.Create(seed, rows: 50 + (seed * 40));
            using var second = RandomBatches.Create(seed, rows: 50 + (seed * 40));
            using var x = compiled.Evaluate(first);
            using var y = compiled.Evaluate(second);
            for (var row = 0; row < x.Length; row++)
            {
                Assert.Equal(x.GetValue(row), y.GetValue(row));
            }
        }
    }

    [Fact]
    public void UnsupportedFunctionsAreRejectedAtCompileTime()
    {
        var watermark = Assert.Throws<SluiceException>(() => ExpressionCompiler.Compile(
            Call(Named("CURRENT_WATERMARK"), DataTypes.Timestamp(3), new BoundLiteral(new DateTime(2024, 1, 1), DataTypes.Timestamp(3).NotNull())),
            RandomBatches.Schema));
        Assert.Equal(ErrorDomain.User, watermark.Domain);
        Assert.Contains("CURRENT_WATERMARK(TIMESTAMP(3) NOT NULL) is not supported in execution yet", watermark.Message, StringComparison.Ordinal);
        var udf = new FunctionDefinition("MY_UDF", FunctionKind.Scalar, [FunctionSignature.Of(ArgumentFamily.Integer)], _ => DataTypes.Int());
        var error = Assert.Throws<SluiceException>(() => ExpressionCompiler.Compile(Call(udf, DataTypes.Int(), Col(0)), RandomBatches.Schema));
        Assert.Contains("MY_UDF(INT) is not supported in execution yet", error.Message, StringComparison.Ordinal);
    }
}
