using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>The aggregate functions (Flink semantics), driven through <see cref="GroupAggregateOperator"/>.</summary>
public sealed class AggregateFunctionTests
{
    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.BigInt()),
        new Field("s", DataTypes.String()),
        new Field("f", DataTypes.Boolean()),
        new Field("d", DataTypes.Double()));

    private static AggregateCall Call(AggregateKind kind, int argument, DataType type, string name, bool distinct = false, int filter = -1) =>
        new(kind, argument < 0 ? [] : [argument], distinct, filter, type, name);

    private static List<string> RunGroup(Schema schema, IReadOnlyList<AggregateCall> calls, params RecordBatch[] batches)
    {
        // One change per key and batch: these tests are about the aggregate values, not the per-row changelog.
        using var harness = new OperatorHarness(new GroupAggregateOperator(schema, [0], calls, miniBatch: OneBundlePerBatch));
        foreach (var batch in batches)
        {
            harness.ProcessBatch(batch);
        }

        return Output(harness);
    }

    [Fact]
    public void Distinct_CountAndSum_SeeEachValueOnceUntilItsLastOccurrenceIsRetracted()
    {
        var calls = new[]
        {
            Call(AggregateKind.Count, 1, DataTypes.BigInt().NotNull(), "cd", distinct: true),
            Call(AggregateKind.Sum, 1, DataTypes.BigInt(), "sd", distinct: true),
            Call(AggregateKind.Sum, 1, DataTypes.BigInt(), "s"),
        };
        var output = RunGroup(Input, calls,
            Batch(Input, R("+I", "a", 1L, "x", true, 0.0), R("+I", "a", 1L, "x", true, 0.0), R("+I", "a", 2L, "x", true, 0.0), R("+I", "a", null, "x", true, 0.0)),
            Batch(Input, R("-D", "a", 1L, "x", true, 0.0)),
            Batch(Input, R("-D", "a", 1L, "x", true, 0.0)),
            Batch(Input, R("-D", "a", 7L, "x", true, 0.0)));

        // {1, 1, 2}: 2 distinct values summing to 3, plain sum 4. Retracting one 1 keeps both distinct values; the
        // second removes 1. Retracting an absent value leaves the distinct results, and the plain SUM counts one value less: 0
        // values, so null (Flink's SumWithRetract is null when its count is 0).
        Assert.Equal(
        [
            "+I[a, 2, 3, 4]",
            "-U[a, 2, 3, 4]", "+U[a, 2, 3, 3]",
            "-U[a, 2, 3, 3]", "+U[a, 1, 2, 2]",
            "-U[a, 1, 2, 2]", "+U[a, 1, 2, null]",
        ], output);
    }

    [Fact]
    public void Filter_SkipsRowsWhereTheConditionIsNotTrue_ButTheyStillFormTheGroup()
    {
        var calls = new[]
        {
            Call(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "all"),
            Call(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "flagged", filter: 3),
            Call(AggregateKind.Sum, 1, DataTypes.BigInt(), "s", filter: 3),
        };
        var output = RunGroup(Input, calls,
            Batch(Input, R("+I", "a", 1L, "x", true, 0.0), R("+I", "a", 10L, "x", false, 0.0), R("+I", "a", 100L, "x", null, 0.0),
                R("+I", "b", 5L, "x", false, 0.0)),
            Batch(Input, R("-D", "a", 1L, "x", true, 0.0)));
        Assert.Equal(["+I[a, 3, 1, 1]", "+I[b, 1, 0, null]", "-U[a, 3, 1, 1]", "+U[a, 2, 0, null]"], output);
    }

    [Fact]
    public void CountOfSeveralColumns_CountsRowsWithoutNulls_AndDistinctCountsTuples()
    {
        var calls = new[]
        {
            new AggregateCall(AggregateKind.Count, [1, 2], false, -1, DataTypes.BigInt().NotNull(), "c"),
            new AggregateCall(AggregateKind.Count, [1, 2], true, -1, DataTypes.BigInt().NotNull(), "cd"),
        };
        var output = RunGroup(Input, calls,
            Batch(Input, R("+I", "a", 1L, "x", true, 0.0), R("+I", "a", 1L, "x", true, 0.0), R("+I", "a", 1L, "y", true, 0.0),
                R("+I", "a", null, "y", true, 0.0), R("+I", "a", 2L, null, true, 0.0)));
        Assert.Equal(["+I[a, 3, 2]"], output);
    }

    [Fact]
    public void Avg_OfIntegers_TruncatesTowardZero_AndOfDecimals_RoundsHalfUpAtTheResultScale()
    {
        var schema = Schema.Of(new Field("k", DataTypes.Int()), new Field("n", DataTypes.BigInt()), new Field("p", DataTypes.Decimal(10, 2)));
        var calls = new[]
        {
            Call(AggregateKind.Avg, 1, DataTypes.BigInt(), "avg_n"),
            Call(AggregateKind.Avg, 2, DataTypes.Decimal(38, 6), "avg_p"),
        };
        var output = RunGroup(schema, calls,
            Batch(schema, R("+I", 1, 1L, 1.00m), R("+I", 1, 2L, 2.00m), R("+I", 1, 2L, 2.00m),
                R("+I", 2, -1L, 0.01m), R("+I", 2, -2L, 0.00m), R("+I", 2, null, 0.00m)));

        // 5 / 3 = 1.67 → 1; 5.00 / 3 = 1.6666666.. → 1.666667; -3 / 2 = -1.5 → -1; 0.01 / 3 = 0.00333.. → 0.003333.
        Assert.Equal(["+I[1, 1, 1.666667]", "+I[2, -1, 0.003333]"], output);
    }

    [Fact]
    public void Sum_OfDecimal38_IsExactBeyondSystemDecimal_AndOverflowFailsClearly()
    {
        var schema = Schema.Of(new Field("k", DataTypes.Int()), new Field("p", DataTypes.Decimal(38, 0)));
        var op = new GroupAggregateOperator(schema, [0], [Call(AggregateKind.Sum, 1, DataTypes.Decimal(38, 0), "total")]);
        using var harness = new OperatorHarness(op);
        var big = Int128.Parse("40000000000000000000000000000000000001", System.Globalization.CultureInfo.InvariantCulture);
        harness.ProcessBatch(DecimalBatch(schema, big, big));
        var result = (RecordBatch)Assert.Single(harness.OutputBatches);
        var sum = ((PrimitiveVector<Int128>)result.Column(1)).Values[result.RowCount - 1]; // +I[big], -U[big], +U[2 big]
        Assert.Equal(big * 2, sum);

        // 8.0e37 + 4.0e37 needs 39 digits: DECIMAL(38, 0) cannot hold it.
        var error = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(DecimalBatch(schema, big)));
        Assert.IsType<SluiceException>(error.InnerException);
        Assert.Contains("overflowed DECIMAL(38, 0)", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sum_OfInt_OverflowingTheResultType_FailsInsteadOfWrapping()
    {
        var schema = Schema.Of(new Field("k", DataTypes.Int()), new Field("n", DataTypes.Int()));
        using var harness = new OperatorHarness(new GroupAggregateOperator(schema, [0], [Call(AggregateKind.Sum, 1, DataTypes.Int(), "s")]));
        var error = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(schema, R("+I", 1, int.MaxValue), R("+I", 1, 1))));
        Assert.Contains("overflowed INT", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sum0_IsZeroWithoutValues_WhileSumIsNull()
    {
        var calls = new[]
        {
            Call(AggregateKind.Sum, 1, DataTypes.BigInt(), "s"),
            Call(AggregateKind.Sum0, 1, DataTypes.BigInt().NotNull(), "s0"),
        };
        Assert.Equal(["+I[a, null, 0]"], RunGroup(Input, calls, Batch(Input, R("+I", "a", null, "x", true, 0.0))));
    }

    [Fact]
    public void MinMax_OverEveryOrderableType_FollowRetractions()
    {
        var schema = Schema.Of(
            new Field("k", DataTypes.Int()),
            new Field("s", DataTypes.String()),
            new Field("b", DataTypes.Boolean()),
            new Field("dt", DataTypes.Date()),
            new Field("ts", DataTypes.Timestamp(3)),
            new Field("dec", DataTypes.Decimal(20, 2)),
            new Field("dbl", DataTypes.Double()),
            new Field("t", DataTypes.Time(0)),
            new Field("ltz", DataTypes.TimestampLtz(3)));
        var calls = new List<AggregateCall>();
        for (var c = 1; c < schema.Count; c++)
        {
            calls.Add(Call(AggregateKind.Min, c, schema[c].DataType, "min_" + schema[c].Name));
            calls.Add(Call(AggregateKind.Max, c, schema[c].DataType, "max_" + schema[c].Name));
        }

        object?[] Row(string s, bool b, int day, int second, decimal dec, double dbl) =>
        [
            1, s, b, new DateOnly(2024, 1, day), new DateTime(2024, 1, 1, 0, 0, second), dec, dbl, new TimeOnly(0, 0, second),
            new DateTimeOffset(2024, 1, 1, 0, 0, second, TimeSpan.Zero),
        ];

        var first = Row("b", false, 2, 2, 2.50m, -0.0);
        var low = Row("a", true, 1, 1, -1.25m, double.NegativeInfinity);
        var high = Row("é", false, 3, 3, 100000000000000.01m, double.NaN);
        var output = RunGroup(schema, calls,
            Batch(schema, ("+I", first), ("+I", low), ("+I", high)),
            Batch(schema, ("-D", low), ("-D", high)));

        // Strings compare by UTF-8 bytes (é after a, b); false < true; NaN is the greatest double, -0.0 after -inf.
        Assert.Equal(
        [
            "+I[1, a, é, false, true, 2024-01-01, 2024-01-03, 2024-01-01T00:00:01, 2024-01-01T00:00:03, -1.25, 100000000000000.01, " +
            "-Infinity, NaN, 00:00:01, 00:00:03, 2024-01-01T00:00:01Z, 2024-01-01T00:00:03Z]",
            "-U[1, a, é, false, true, 2024-01-01, 2024-01-03, 2024-01-01T00:00:01, 2024-01-01T00:00:03, -1.25, 100000000000000.01, " +
            "-Infinity, NaN, 00:00:01, 00:00:03, 2024-01-01T00:00:01Z, 2024-01-01T00:00:03Z]",
            "+U[1, b, b, false, false, 2024-01-02, 2024-01-02, 2024-01-01T00:00:02, 2024-01-01T00:00:02, 2.50, 2.50, " +
            "-0, -0, 00:00:02, 00:00:02, 2024-01-01T00:00:02Z, 2024-01-01T00:00:02Z]",
        ], output);
    }

    [Fact]
    public void FirstAndLastValue_SkipNulls_AndRetractTheEarliestOccurrence()
    {
        var calls = new[]
        {
            Call(AggregateKind.FirstValue, 2, DataTypes.String(), "first"),
            Call(AggregateKind.LastValue, 2, DataTypes.String(), "last"),
        };
        var output = RunGroup(Input, calls,
            Batch(Input, R("+I", "a", 0L, null, true, 0.0), R("+I", "a", 0L, "x", true, 0.0), R("+I", "a", 0L, "y", true, 0.0),
                R("+I", "a", 0L, "x", true, 0.0), R("+I", "a", 0L, null, true, 0.0)),
            Batch(Input, R("-D", "a", 0L, "x", true, 0.0)),
            Batch(Input, R("-D", "a", 0L, "x", true, 0.0)));

        // Values in arrival order: x y x. Retracting x removes its earliest occurrence (y x), then the other (y).
        Assert.Equal(["+I[a, x, x]", "-U[a, x, x]", "+U[a, y, x]", "-U[a, y, x]", "+U[a, y, y]"], output);
    }

    [Fact]
    public void ListAgg_JoinsInArrivalOrder_WithTheDefaultOrAColumnSeparator()
    {
        var calls = new[]
        {
            Call(AggregateKind.ListAgg, 2, DataTypes.String(), "csv"),
            new AggregateCall(AggregateKind.ListAgg, [2, 0], false, -1, DataTypes.String(), "by_key"),
            Call(AggregateKind.ListAgg, 2, DataTypes.String(), "distinct", distinct: true),
        };
        var output = RunGroup(Input, calls,
            Batch(Input, R("+I", "-", 0L, "x", true, 0.0), R("+I", "-", 0L, null, true, 0.0), R("+I", "-", 0L, "y", true, 0.0),
                R("+I", "-", 0L, "x", true, 0.0)),
            Batch(Input, R("-D", "-", 0L, "x", true, 0.0)));
        Assert.Equal(["+I[-, x,y,x, x-y-x, x,y]", "-U[-, x,y,x, x-y-x, x,y]", "+U[-, y,x, y-x, x,y]"], output);
    }

    [Fact]
    public void VarianceAndStddev_FollowCalcitesFormulas_WithExactRetraction()
    {
        var calls = new[]
        {
            Call(AggregateKind.VarPop, 1, DataTypes.Double(), "vp"),
            Call(AggregateKind.VarSamp, 1, DataTypes.Double(), "vs"),
            Call(AggregateKind.StddevPop, 1, DataTypes.Double(), "sp"),
            Call(AggregateKind.StddevSamp, 4, DataTypes.Double(), "ss"),
        };
        var values = new long[] { 2, 4, 4, 4, 5, 5, 7, 9 };
        var rows = values.Select(v => R("+I", "a", v, "x", true, (double)v)).ToArray();
        var output = RunGroup(Input, calls,
            Batch(Input, rows),
            Batch(Input, values.Skip(1).Select(v => R("-D", "a", v, "x", true, (double)v)).ToArray()));

        // Mean 5, squared deviations sum to 32: VAR_POP 4, VAR_SAMP 32/7, STDDEV_POP 2, STDDEV_SAMP sqrt(32/7).
        // One value left: VAR_POP 0 and the sample variants null.
        var samp = (32.0 / 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sampRoot = Math.Sqrt(32.0 / 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([$"+I[a, 4, {samp}, 2, {sampRoot}]", $"-U[a, 4, {samp}, 2, {sampRoot}]", "+U[a, 0, null, 0, null]"], output);
    }

    [Theory]
    [InlineData(AggregateKind.Sum, 2, "needs a numeric argument")]
    [InlineData(AggregateKind.Min, 1, "must store values as")]
    [InlineData(AggregateKind.ListAgg, 1, "takes character strings")]
    public void Constructor_RejectsCallsThatDoNotFitTheirFunction(AggregateKind kind, int argument, string message)
    {
        var call = Call(kind, argument, DataTypes.String(), "bad");
        var error = Assert.Throws<ArgumentException>(() => new GroupAggregateOperator(Input, [0], [call]));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsDistinctCountStarAndNestedMinAndNonBooleanFilters()
    {
        var nested = Schema.Of(new Field("k", DataTypes.Int()), new Field("a", DataTypes.Array(DataTypes.Int())));
        Assert.Throws<ArgumentException>(() => new GroupAggregateOperator(Input, [0],
            [Call(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "c", distinct: true)]));
        Assert.Throws<ArgumentException>(() => new GroupAggregateOperator(nested, [0],
            [Call(AggregateKind.Min, 1, DataTypes.Array(DataTypes.Int()), "m")]));
        Assert.Throws<ArgumentException>(() => new GroupAggregateOperator(Input, [0],
            [Call(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "c", filter: 1)]));
    }

    [Fact]
    public void Snapshot_OfEveryAccumulatorKind_RestoresAndContinuesLikeAnUninterruptedRun()
    {
        var calls = EveryKind();
        var script = RandomScript(new Random(5), 12);
        var expected = RunScript(calls, script.Select(Clone).ToList(), snapshotAfter: -1);
        var actual = RunScript(calls, script, snapshotAfter: 5);
        Assert.Equal(expected, actual);
        Assert.NotEmpty(expected);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(29)]
    public void RandomChangelog_MaterializedView_EqualsAReferenceOverTheNetInput(int seed)
    {
        var random = new Random(seed);
        var script = RandomScript(random, 40, out var groups);
        using var harness = new OperatorHarness(new GroupAggregateOperator(Input, [0], EveryKind()));
        foreach (var batch in script)
        {
            harness.ProcessBatch(batch);
        }

        var expected = groups.Where(g => g.Value.Rows.Count > 0).Select(g => Reference(g.Key, g.Value)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Materialize(Output(harness)));
    }

    private static AggregateCall[] EveryKind() =>
    [
        Call(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt"),
        Call(AggregateKind.Count, 1, DataTypes.BigInt().NotNull(), "cv"),
        Call(AggregateKind.Count, 1, DataTypes.BigInt().NotNull(), "cdv", distinct: true),
        Call(AggregateKind.Sum, 1, DataTypes.BigInt(), "s"),
        Call(AggregateKind.Sum, 1, DataTypes.BigInt(), "sdv", distinct: true),
        Call(AggregateKind.Sum, 1, DataTypes.BigInt(), "sf", filter: 3),
        Call(AggregateKind.Min, 2, DataTypes.String(), "mn"),
        Call(AggregateKind.Max, 1, DataTypes.BigInt(), "mx"),
        Call(AggregateKind.Avg, 1, DataTypes.BigInt(), "av"),
        Call(AggregateKind.FirstValue, 2, DataTypes.String(), "fv"),
        Call(AggregateKind.LastValue, 1, DataTypes.BigInt(), "lv"),
        Call(AggregateKind.ListAgg, 2, DataTypes.String(), "la"),
        Call(AggregateKind.VarPop, 1, DataTypes.Double(), "vp"),
    ];

    /// <summary>
    /// The expected row of a group from Flink's definitions: order-insensitive functions over the live rows; FIRST_VALUE,
    /// LAST_VALUE and LISTAGG over each argument's values in arrival order, where a retraction removed the earliest equal
    /// value (as Flink's retractable accumulators do).
    /// </summary>
    private static string Reference(string key, GroupReference group)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var rows = group.Rows;
        var values = rows.Where(r => r.V is not null).Select(r => r.V!.Value).ToList();
        var strings = rows.Where(r => r.S is not null).Select(r => r.S!).ToList();
        var flagged = rows.Where(r => r.F == true && r.V is not null).Select(r => r.V!.Value).ToList();
        string Or<T>(List<T> list, Func<List<T>, string> f) => list.Count == 0 ? "null" : f(list);
        string L(long v) => v.ToString(culture);
        var variance = Or(values, v =>
        {
            var n = v.Count;
            var sum = v.Sum();
            var squares = v.Sum(x => x * x);
            return ((double)((n * squares) - (sum * sum)) / ((double)n * n)).ToString(culture);
        });
        return $"[{key}, {rows.Count}, {values.Count}, {values.Distinct().Count()}, {Or(values, v => L(v.Sum()))}, "
            + $"{Or(values, v => L(v.Distinct().Sum()))}, {Or(flagged, v => L(v.Sum()))}, "
            + $"{Or(strings, s => s.Order(StringComparer.Ordinal).First())}, {Or(values, v => L(v.Max()))}, {Or(values, v => L(v.Sum() / v.Count))}, "
            + $"{Or(group.Strings, s => s[0])}, {Or(group.Values, v => L(v[^1]))}, {Or(group.Strings, s => string.Join(",", s))}, {variance}]";
    }

    private static List<RecordBatch> RandomScript(Random random, int batches) => RandomScript(random, batches, out _);

    private static List<RecordBatch> RandomScript(Random random, int batches, out Dictionary<string, GroupReference> groups)
    {
        groups = [];
        var live = new List<(string K, long? V, string? S, bool? F)>();
        var script = new List<RecordBatch>();
        for (var b = 0; b < batches; b++)
        {
            var rows = new List<(string, object?[])>();
            for (var r = random.Next(1, 10); r > 0; r--)
            {
                if (live.Count > 0 && random.NextDouble() < 0.35)
                {
                    var victim = live[random.Next(live.Count)];
                    live.Remove(victim);
                    groups[victim.K].Retract(victim);
                    rows.Add(R(random.Next(2) == 0 ? "-D" : "-U", victim.K, victim.V, victim.S, victim.F, 0.0));
                }
                else
                {
                    var row = ($"k{random.Next(4)}", random.Next(6) == 0 ? (long?)null : random.Next(-9, 10),
                        random.Next(6) == 0 ? null : ((char)('a' + random.Next(5))).ToString(),
                        random.Next(4) switch { 0 => (bool?)null, 1 => false, _ => true });
                    live.Add(row);
                    if (!groups.TryGetValue(row.Item1, out var group))
                    {
                        groups[row.Item1] = group = new GroupReference();
                    }

                    group.Add(row);
                    rows.Add(R(random.Next(2) == 0 ? "+I" : "+U", row.Item1, row.Item2, row.Item3, row.Item4, 0.0));
                }
            }

            script.Add(Batch(Input, [.. rows]));
        }

        return script;
    }

    private static List<string> RunScript(AggregateCall[] calls, List<RecordBatch> script, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(new GroupAggregateOperator(Input, [0], calls));
        try
        {
            for (var i = 0; i < script.Count; i++)
            {
                harness.ProcessBatch(script[i]);
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(new GroupAggregateOperator(Input, [0], calls), restoreFrom: [snapshot]);
                }
            }

            output.AddRange(Output(harness));
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }

    private static RecordBatch Clone(RecordBatch batch) => batch.Gather(Enumerable.Range(0, batch.RowCount).ToArray());

    private static RecordBatch DecimalBatch(Schema schema, params Int128[] values)
    {
        using var builder = new RecordBatchBuilder(schema);
        foreach (var value in values)
        {
            builder.AppendInt32(0, 1);
            builder.AppendInt128(1, value);
        }

        return builder.Build();
    }

    /// <summary>The live rows of a group and, per order-sensitive argument, its values in arrival order.</summary>
    private sealed class GroupReference
    {
        public List<(string K, long? V, string? S, bool? F)> Rows { get; } = [];

        public List<string> Strings { get; } = [];

        public List<long> Values { get; } = [];

        public void Add((string K, long? V, string? S, bool? F) row)
        {
            Rows.Add(row);
            if (row.S is not null)
            {
                Strings.Add(row.S);
            }

            if (row.V is not null)
            {
                Values.Add(row.V.Value);
            }
        }

        public void Retract((string K, long? V, string? S, bool? F) row)
        {
            Rows.Remove(row);
            if (row.S is not null)
            {
                Strings.Remove(row.S);
            }

            if (row.V is not null)
            {
                Values.Remove(row.V.Value);
            }
        }
    }
}
