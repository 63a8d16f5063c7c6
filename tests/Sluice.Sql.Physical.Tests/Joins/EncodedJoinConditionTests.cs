using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// A join's residual condition evaluated on the encoded rows (<see cref="EncodedJoinCondition"/>) agrees with the compiled
/// predicate over the decoded joined row, NULLs and shifted timestamps included, whichever side probes.
/// </summary>
public sealed class EncodedJoinConditionTests
{
    // Strings and nullable columns before the compared ones, so reading a column must skip values of every kind.
    private static readonly Schema Left = Schema.Of(
        new Field("id", DataTypes.BigInt().NotNull()), new Field("name", DataTypes.String()), new Field("ts", DataTypes.Timestamp(3)),
        new Field("flag", DataTypes.Boolean()), new Field("expires", DataTypes.Timestamp(3)), new Field("n", DataTypes.BigInt()));

    private static readonly Schema Right = Schema.Of(
        new Field("auction", DataTypes.BigInt().NotNull()), new Field("extra", DataTypes.String()), new Field("small", DataTypes.Int()),
        new Field("dateTime", DataTypes.Timestamp(3)), new Field("price", DataTypes.BigInt()));

    private static readonly Schema Joined = new(JoinSupport.UniqueNames(Left.Fields.Concat(Right.Fields)));

    private static BoundInputRef Ref(int index) => new(index, Joined[index].Name, Joined[index].DataType);

    private static BoundCall Call(FunctionDefinition function, params BoundExpression[] operands) =>
        BoundCall.Create(function, DataTypes.Boolean(), operands);

    private static BoundCall Shifted(FunctionDefinition plusOrMinus, int column, TimeSpan by) =>
        BoundCall.Create(plusOrMinus, DataTypes.Timestamp(3), Ref(column), new BoundLiteral(by, DataTypes.IntervalDayTime(3)));

    // Joined columns: left 0 id, 1 name, 2 ts, 3 flag, 4 expires, 5 n; right 6 auction, 7 extra, 8 small, 9 dateTime, 10 price.
    public static TheoryData<string> Conditions => ["between", "window", "numbers", "equal"];

    private static BoundExpression ConditionNamed(string name) => name switch
    {
        // B.dateTime BETWEEN A.ts AND A.expires (q4, q9)
        "between" => Call(BuiltInFunctions.And, Call(BuiltInFunctions.GreaterThanOrEqual, Ref(9), Ref(2)),
            Call(BuiltInFunctions.LessThanOrEqual, Ref(9), Ref(4))),
        // A.ts BETWEEN B.dateTime - INTERVAL '10' SECOND AND B.dateTime + INTERVAL '1' SECOND (q7's shape, shifted both ways)
        "window" => Call(BuiltInFunctions.And,
            Call(BuiltInFunctions.GreaterThanOrEqual, Ref(2), Shifted(BuiltInFunctions.Minus, 9, TimeSpan.FromSeconds(10))),
            Call(BuiltInFunctions.LessThanOrEqual, Ref(2), Shifted(BuiltInFunctions.Plus, 9, TimeSpan.FromSeconds(1)))),
        // B.price > A.n AND A.n <> B.price AND B.price < A.id (right column first, mirrored)
        "numbers" => Call(BuiltInFunctions.And, Call(BuiltInFunctions.GreaterThan, Ref(10), Ref(5)),
            Call(BuiltInFunctions.NotEqualTo, Ref(5), Ref(10)), Call(BuiltInFunctions.LessThan, Ref(10), Ref(0))),
        _ => Call(BuiltInFunctions.EqualTo, Ref(5), Ref(10)),
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void RandomPairs_MatchAsTheCompiledPredicateDecides(string name)
    {
        var condition = ConditionNamed(name);
        var encoded = EncodedJoinCondition.TryCreate(condition, Left, Right);
        Assert.NotNull(encoded);
        var predicate = ExpressionCompiler.CompilePredicate(condition, Joined);
        var random = new Random(name.Length * 7919);
        const int pairs = 600;
        var lefts = new List<object?[]>();
        var rights = new List<object?[]>();
        using var joined = new RecordBatchBuilder(Joined, pairs);
        for (var i = 0; i < pairs; i++)
        {
            object?[] left =
            [
                (long)random.Next(0, 40), random.Next(4) == 0 ? null : new string('x', random.Next(0, 200)), Time(random),
                random.Next(3) == 0 ? null : random.Next(2) == 0, Time(random), random.Next(6) == 0 ? null : (long?)random.Next(0, 40),
            ];
            object?[] right =
            [
                (long)random.Next(0, 40), random.Next(4) == 0 ? null : new string('y', random.Next(0, 300)),
                random.Next(3) == 0 ? null : random.Next(), Time(random), random.Next(6) == 0 ? null : (long?)random.Next(0, 40),
            ];
            lefts.Add(left);
            rights.Add(right);
            joined.AppendRow(RowKind.Insert, [.. left, .. right]);
        }

        using var batch = joined.Build();
        var selected = new int[pairs];
        var expected = new bool[pairs];
        var kept = predicate.Filter(batch, selected);
        for (var k = 0; k < kept; k++)
        {
            expected[selected[k]] = true;
        }

        Assert.InRange(kept, 1, pairs - 1);
        var leftRows = Encode(Left, lefts);
        var rightRows = Encode(Right, rights);
        for (var i = 0; i < pairs; i++)
        {
            // The left row probing the stored right row, and the other way round.
            var leftProbe = encoded.LoadProbe(0, leftRows[i]) && encoded.Matches(rightRows[i]);
            Assert.True(expected[i] == leftProbe, $"pair {i} probed from the left: expected {expected[i]}");
            var rightProbe = encoded.LoadProbe(1, rightRows[i]) && encoded.Matches(leftRows[i]);
            Assert.True(expected[i] == rightProbe, $"pair {i} probed from the right: expected {expected[i]}");
        }
    }

    [Fact]
    public void OtherConditions_AreLeftToTheCompiledPredicate()
    {
        // INT columns, a condition on one side only, and an OR are not in the encoded form.
        Assert.Null(EncodedJoinCondition.TryCreate(Call(BuiltInFunctions.LessThan, Ref(5), Ref(8)), Left, Right));
        Assert.Null(EncodedJoinCondition.TryCreate(Call(BuiltInFunctions.LessThan, Ref(0), Ref(5)), Left, Right));
        Assert.Null(EncodedJoinCondition.TryCreate(
            Call(BuiltInFunctions.Or, Call(BuiltInFunctions.LessThan, Ref(0), Ref(10)), Call(BuiltInFunctions.LessThan, Ref(5), Ref(10))),
            Left, Right));
        // A TIMESTAMP compared with a BIGINT column.
        Assert.Null(EncodedJoinCondition.TryCreate(Call(BuiltInFunctions.LessThan, Ref(2), Ref(10)), Left, Right));
    }

    [Fact]
    public void InnerJoin_WithABetweenCondition_JoinsOnlyThePairsInRange_AcrossARestore()
    {
        var condition = ConditionNamed("between");
        Func<Runtime.Operators.StreamOperator> create = () => new JoinOperator(Left, Right, [0], [0], JoinKind.Inner, condition: condition);
        Assert.True(((JoinOperator)create()).EvaluatesConditionOnEncodedRows);
        var output = RunTwoInput(create, Left, Right,
        [
            (0, [R("+I", 1L, "a", T(1_000), true, T(5_000), 1L), R("+I", 2L, "b", T(2_000), null, T(3_000), null)]),
            (1, [R("+I", 1L, "x", 1, T(500), 10L), R("+I", 1L, "y", null, T(1_000), 11L), R("+I", 2L, null, 2, T(3_000), 12L)]),
            (1, [R("+I", 1L, "z", 3, T(5_001), 13L), R("+I", 2L, "w", 4, null, 14L)]),
            // A second auction of key 1 after the bids: it meets the stored bids at 500, 1 000 and 5 001.
            (0, [R("+I", 1L, "c", T(0), false, T(1_000), 2L)]),
        ], snapshotAfter: 1);
        Assert.Equal(
        [
            // 500 is before a's start; 1 000 is within [1 000, 5 000]; 3 000 within b's [2 000, 3 000].
            $"+I[1, a, {Text(1_000)}, true, {Text(5_000)}, 1, 1, y, null, {Text(1_000)}, 11]",
            $"+I[2, b, {Text(2_000)}, null, {Text(3_000)}, null, 2, null, 2, {Text(3_000)}, 12]",
            // 5 001 is past a's end, and a NULL time never matches.
            $"+I[1, c, {Text(0)}, false, {Text(1_000)}, 2, 1, x, 1, {Text(500)}, 10]",
            $"+I[1, c, {Text(0)}, false, {Text(1_000)}, 2, 1, y, null, {Text(1_000)}, 11]",
        ], output);
    }

    private static List<byte[]> Encode(Schema schema, List<object?[]> rows)
    {
        using var builder = new RecordBatchBuilder(schema, rows.Count);
        foreach (var row in rows)
        {
            builder.AppendRow(RowKind.Insert, row);
        }

        using var batch = builder.Build();
        var encoder = RowEncoder.AllColumns(schema);
        return [.. Enumerable.Range(0, rows.Count).Select(i => encoder.EncodeToScratch(batch, i).ToArray())];
    }

    // Times within a minute, on whole milliseconds, and now and then NULL.
    private static long? Time(Random random) => random.Next(8) == 0 ? null : random.Next(0, 60_000) * 1000L;

    private static long T(long millis) => millis * 1000;

    private static string Text(long millis) => DateTime.UnixEpoch.AddMilliseconds(millis).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}
