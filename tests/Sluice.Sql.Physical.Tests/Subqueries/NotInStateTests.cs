using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators;
using Sluice.State.Keyed;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Subqueries;

/// <summary>
/// The null-aware anti joins of <c>NOT IN</c> keep their left rows per key: random changelogs on both sides, with
/// NULLs, duplicates and retractions, against SQL's three-valued definition evaluated from scratch after every batch,
/// also across a restore; and snapshots of the earlier form (every left row under one key) restore into the new one.
/// </summary>
public sealed class NotInStateTests
{
    private static readonly Schema Left = Schema.Of(new Field("a", DataTypes.Int()), new Field("b", DataTypes.String()), new Field("id", DataTypes.Int()));
    private static readonly Schema Right = Schema.Of(new Field("x", DataTypes.Int()), new Field("y", DataTypes.String()));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(2, 4)]
    public void RandomChangelogs_GiveTheRowsSqlDefines_AfterEveryBatch(int width, int seed)
    {
        var random = new Random(seed);
        var left = new List<object?[]>();
        var right = new List<object?[]>();
        var view = new List<string>();
        var harness = new OperatorHarness(New(width));
        try
        {
            for (var step = 0; step < 120; step++)
            {
                var input = random.Next(3) == 0 ? 1 : 0;
                var stored = input == 0 ? left : right;
                var rows = new List<(string, object?[])>();
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    if (stored.Count > 0 && random.Next(3) == 0)
                    {
                        var victim = stored[random.Next(stored.Count)];
                        stored.Remove(victim);
                        rows.Add(R("-D", victim));
                    }
                    else
                    {
                        object? a = random.Next(5) == 0 ? null : random.Next(4);
                        object? b = random.Next(5) == 0 ? null : ((char)('p' + random.Next(3))).ToString();
                        object?[] row = input == 0 ? [a, b, random.Next(3)] : [a, b];
                        stored.Add(row);
                        rows.Add(R("+I", row));
                    }
                }

                harness.ProcessBatch(Batch(input == 0 ? Left : Right, [.. rows]), input);
                view = Materialize([.. view.Select(row => "+I" + row), .. Output(harness)]);
                harness.ClearOutput();
                Assert.Equal(Expected(left, right, width), view.Order(StringComparer.Ordinal));

                if (step % 40 == 39)
                {
                    var snapshot = harness.Snapshot(step);
                    harness.Dispose();
                    harness = new OperatorHarness(New(width), restoreFrom: [snapshot]);
                }
            }
        }
        finally
        {
            harness.Dispose();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ASnapshotOfTheEarlierForm_RestoresAndGoesOnTheSameWay(int width)
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, "p", 0), R("+I", 1, "p", 0), R("+I", 2, "q", 1), R("+I", null, "q", 2)]),
            (1, [R("+I", 1, "p")]),
            (1, [R("-D", 1, "p"), R("+I", 2, "q")]),
            (0, [R("-D", 1, "p", 0), R("+I", 3, null, 0)]),
            (1, [R("-D", 2, "q")]),
        };
        var uninterrupted = Materialize(RunTwoInput(() => New(width), Left, Right, script, -1));

        // The earlier form of the state after the first step: every left row under one key, with its NOT IN key.
        OperatorSnapshot snapshot;
        var legacy = new LegacyNotInState(width);
        using (var writer = new OperatorHarness(legacy).Open())
        {
            legacy.Put([1, "p", 0], 2);
            legacy.Put([2, "q", 1], 1);
            legacy.Put([null, "q", 2], 1);
            snapshot = writer.Snapshot(1);
        }

        var first = RunTwoInput(() => New(width), Left, Right, script[..1], -1);
        using var restored = new OperatorHarness(New(width), restoreFrom: [snapshot]).Open();
        foreach (var (input, rows) in script[1..])
        {
            restored.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
        }

        Assert.Equal(uninterrupted.Order(StringComparer.Ordinal), Materialize([.. first, .. Output(restored)]).Order(StringComparer.Ordinal));
    }

    private static StreamOperator New(int width) => width == 1
        ? new NullAwareAntiJoinOperator(Left, Right, 0, 0)
        : new NullAwareRowAntiJoinOperator(Left, Right, [0, 1], [0, 1]);

    /// <summary>The left rows for which <c>(a[, b]) NOT IN (right)</c> is TRUE, by SQL's three-valued logic.</summary>
    private static List<string> Expected(List<object?[]> left, List<object?[]> right, int width)
    {
        bool? Equal(object? l, object? r) => l is null || r is null ? null : Equals(l, r);

        bool Qualifies(object?[] row)
        {
            foreach (var other in right)
            {
                // (a = x AND b = y) must be FALSE for every right row.
                var conjunction = (bool?)true;
                for (var i = 0; i < width; i++)
                {
                    var equal = Equal(row[i], other[i]);
                    conjunction = conjunction == false || equal == false ? false : conjunction is null || equal is null ? null : true;
                }

                if (conjunction != false)
                {
                    return false;
                }
            }

            return true;
        }

        return left.Where(Qualifies)
            .Select(r => $"[{string.Join(", ", r.Select(v => v?.ToString() ?? "null"))}]")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Writes the state the operators kept before their left rows were grouped by key.</summary>
    private sealed class LegacyNotInState(int width) : StreamOperator
    {
        private IKeyedStateBackend<RowKey>? _backend;
        private IMapState<RowData, long>? _counts;
        private IMapState<RowData, RowData>? _keys;

        private string Prefix => width == 1 ? "not-in" : "not-in-row";

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
            _counts = _backend.GetMapState(new MapStateDescriptor<RowData, long>($"{Prefix}-left-rows", RowDataSerializer.Instance, Serializers.Int64));
            _keys = _backend.GetMapState(new MapStateDescriptor<RowData, RowData>($"{Prefix}-left-keys", RowDataSerializer.Instance, RowDataSerializer.Instance));
        }

        public override void ProcessBatch(Core.Batches.IBatch batch, IOutput output) => throw new NotSupportedException();

        public void Put(object?[] values, long count)
        {
            using var batch = Batch(Left, ("+I", values));
            _backend!.SetCurrentKey(new RowKey(width == 1 ? [0x4e, 0x41] : [0x4e, 0x52]));
            var row = RowEncoder.AllColumns(Left).RowOf(batch, 0);
            _counts!.Put(row, count);
            _keys!.Put(row, width == 1 ? SingleKey(batch) : RowKeyOf(batch));
        }

        /// <summary>The one-column form: the encoded column, or no bytes for NULL.</summary>
        private static RowData SingleKey(Core.Batches.RecordBatch batch)
        {
            var encoder = new RowEncoder(Left, [0]);
            return encoder.AnyNull(batch, 0) ? new RowData([]) : encoder.RowOf(batch, 0);
        }

        /// <summary>The row form: per column a non-null flag and the column's own encoding.</summary>
        private static RowData RowKeyOf(Core.Batches.RecordBatch batch)
        {
            var writer = new BinaryBufferWriter(64);
            foreach (var column in new[] { 0, 1 })
            {
                var encoder = new RowEncoder(Left, [column]);
                var isNull = encoder.AnyNull(batch, 0);
                writer.WriteBoolean(!isNull);
                if (!isNull)
                {
                    writer.WriteBytes(encoder.EncodeToScratch(batch, 0));
                }
            }

            return new RowData(writer.ToArray());
        }
    }
}
