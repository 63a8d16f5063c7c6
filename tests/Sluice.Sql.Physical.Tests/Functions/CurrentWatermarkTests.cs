using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Functions;

/// <summary>
/// <c>CURRENT_WATERMARK(rowtime)</c> as Flink's: the current watermark of the operator evaluating it, typed like the
/// rowtime attribute with precision 3, NULL before the operator has seen a watermark.
/// </summary>
public sealed class CurrentWatermarkTests : IDisposable
{
    private static readonly Schema Input = Schema.Of(new Field("id", DataTypes.Int()), new Field("ts", DataTypes.Timestamp(3)));

    private static readonly FunctionDefinition CurrentWatermark = BuiltInFunctions.All.Single(f => f.Name == "CURRENT_WATERMARK");

    private static readonly long TenOClock = new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-wm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static BoundCall Watermark() =>
        BoundCall.Create(CurrentWatermark, DataTypes.Timestamp(3), new BoundInputRef(1, "ts", DataTypes.Timestamp(3)));

    private static DateTime At(int hour, int minute) => new(2024, 1, 1, hour, minute, 0, DateTimeKind.Unspecified);

    [Fact]
    public void Projection_IsNullBeforeTheFirstWatermark_ThenTheOperatorsWatermark()
    {
        var output = Schema.Of(new Field("id", DataTypes.Int()), new Field("wm", DataTypes.Timestamp(3)));
        using var harness = new OperatorHarness(new CalcOperator(Input, null, [new BoundInputRef(0, "id", DataTypes.Int()), Watermark()], output));

        harness.ProcessBatch(Batch(Input, R("+I", 1, At(9, 0))));
        harness.ProcessWatermark(TenOClock);
        harness.ProcessBatch(Batch(Input, R("+I", 2, At(10, 5)), R("+I", 3, At(9, 30))));
        harness.ProcessWatermark(TenOClock + 60_000);
        harness.ProcessBatch(Batch(Input, R("+I", 4, At(11, 0))));

        Assert.Equal(
            ["+I[1, null]", "+I[2, 2024-01-01T10:00:00]", "+I[3, 2024-01-01T10:00:00]", "+I[4, 2024-01-01T10:01:00]"],
            Output(harness));
    }

    [Fact]
    public void Filter_DropsLateRows_AsInFlinksExample()
    {
        // WHERE CURRENT_WATERMARK(ts) IS NULL OR ts > CURRENT_WATERMARK(ts)
        var ts = new BoundInputRef(1, "ts", DataTypes.Timestamp(3));
        var condition = BoundCall.Create(BuiltInFunctions.Or, DataTypes.Boolean(),
            BoundCall.Create(BuiltInFunctions.IsNull, DataTypes.Boolean().NotNull(), Watermark()),
            BoundCall.Create(BuiltInFunctions.GreaterThan, DataTypes.Boolean(), ts, Watermark()));
        using var harness = new OperatorHarness(new CalcOperator(Input, condition, null, Input));

        harness.ProcessBatch(Batch(Input, R("+I", 1, At(9, 0))));
        harness.ProcessWatermark(TenOClock);
        harness.ProcessBatch(Batch(Input, R("+I", 2, At(10, 5)), R("+I", 3, At(9, 30)), R("+I", 4, At(10, 0))));

        Assert.Equal(["+I[1, 2024-01-01T09:00:00]", "+I[2, 2024-01-01T10:05:00]"], Output(harness));
    }

    [Fact]
    public void OutsideACalc_DoesNotCompile()
    {
        var error = Assert.Throws<SluiceException>(() => ExpressionCompiler.Compile(Watermark(), Input));
        Assert.Contains("CURRENT_WATERMARK", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndToEnd_TypedLikeTheRowtime_AndNeverAheadOfAscendingRows()
    {
        var path = Path.Combine(_directory, "events.csv");
        File.WriteAllLines(path, Enumerable.Range(0, 200).Select(i => $"{i},{new DateTime(2024, 1, 1).AddSeconds(i):yyyy-MM-dd HH:mm:ss}"));
        var result = await SqlScriptRunner.RunAsync($"""
            CREATE TABLE Events (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
            WITH ('connector' = 'filesystem', 'path' = '{path}', 'format' = 'csv');
            SELECT id, ts, CURRENT_WATERMARK(ts) AS wm FROM Events
            WHERE CURRENT_WATERMARK(ts) IS NULL OR ts > CURRENT_WATERMARK(ts);
            """);

        // Rows arrive in ascending time, so none is late and every watermark seen is behind the row.
        Assert.Equal(200, result.Changelog.Count);
        foreach (var line in result.Changelog)
        {
            var fields = line[3..^1].Split(", ");
            Assert.True(fields[2] == "NULL" || string.CompareOrdinal(fields[2], fields[1]) < 0, line);
        }
    }

    [Fact]
    public void Binding_RequiresARowtimeAttribute()
    {
        var error = Assert.ThrowsAny<SqlException>(() => Expressions.SqlExpressions.Bind("CURRENT_WATERMARK(h)"));
        Assert.Contains("rowtime attribute", error.Message, StringComparison.Ordinal);
    }
}
