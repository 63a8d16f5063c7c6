using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Formats;
using Sluice.Testing;

namespace Sluice.Connectors.Files.Tests.Lookup;

/// <summary>
/// A <c>filesystem</c> table in a lookup join: the whole table read into memory and indexed by the key columns, read
/// again after <c>lookup.join.cache.ttl</c> on the job's clock.
/// </summary>
public sealed class FileSystemLookupTests : IDisposable
{
    private static readonly Schema Rates = Schema.Of(
        new Field("currency", DataTypes.String()), new Field("day", DataTypes.Int()), new Field("rate", DataTypes.Double()));

    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-fs-lookup-").FullName;
    private readonly ConnectorRegistry _registry = new ConnectorRegistry().Add(new FileSystemTableFactory()).AddStandardFormats();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Lookup_FindsEveryRowOfEachKey_InKeyOrder_AndNothingForMissingOrNullKeys()
    {
        File.WriteAllLines(Path.Combine(_directory, "a.csv"), ["EUR,1,1.1", "USD,1,1.0", ",1,9.9"]);
        File.WriteAllLines(Path.Combine(_directory, "b.csv"), ["EUR,2,1.2", "CHF,1,0.9"]);
        File.WriteAllLines(Path.Combine(_directory, ".hidden.csv"), ["EUR,3,7.7"]);
        using var function = Source().CreateLookupFunction([0]);
        function.Open(new ManualTimeProvider());

        var result = function.Lookup(Keys(["USD", "GBP", "EUR", null]));
        using var rows = result.Rows;

        var found = Enumerable.Range(0, rows.RowCount)
            .Select(i => (Key: result.KeyRows[i], Row: string.Join(",", Enumerable.Range(0, 3).Select(c => rows.Column(c).GetValue(rows.PhysicalRow(i))))))
            .OrderBy(x => x.Key).ThenBy(x => x.Row, StringComparer.Ordinal).ToList();
        Assert.Equal([(0, "USD,1,1"), (2, "EUR,1,1.1"), (2, "EUR,2,1.2")], found);
        Assert.Equal(result.KeyRows.Order(), result.KeyRows);
    }

    [Fact]
    public void Lookup_OnTwoColumns_MatchesBoth()
    {
        File.WriteAllLines(Path.Combine(_directory, "a.csv"), ["EUR,1,1.1", "EUR,2,1.2", "USD,2,1.0"]);
        using var function = Source().CreateLookupFunction([0, 1]);
        function.Open(new ManualTimeProvider());
        var schema = Schema.Of(new Field("currency", DataTypes.String()), new Field("day", DataTypes.Int()));
        using var keys = new RecordBatch(schema, [Column(DataTypes.String(), ["EUR", "USD"]), Column(DataTypes.Int(), [2, 1])]);

        var result = function.Lookup(keys);
        using var rows = result.Rows;

        Assert.Equal([0], result.KeyRows);
        Assert.Equal(1.2, rows.Column(2).GetValue(rows.PhysicalRow(0)));
    }

    [Fact]
    public void Lookup_ReadsTheFilesAgain_OnlyOnceTheTtlHasPassed()
    {
        var file = Path.Combine(_directory, "a.csv");
        File.WriteAllLines(file, ["EUR,1,1.1"]);
        var clock = new ManualTimeProvider();
        using var function = Source(("lookup.join.cache.ttl", "10 min")).CreateLookupFunction([0]);
        function.Open(clock);
        Assert.Equal(1, Count(function, "EUR"));

        File.WriteAllLines(file, ["EUR,1,1.1", "EUR,2,1.3"]);
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(1, Count(function, "EUR"));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, Count(function, "EUR"));
    }

    [Fact]
    public void CreateLookupFunction_RejectsChangelogFormats_NamingTheOption()
    {
        var source = Source(("format", "debezium-json"));
        var error = Assert.Throws<TableOptionException>(() => source.CreateLookupFunction([0]));
        Assert.Contains("changelog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveTtl_IsRejectedNamingTheOption()
    {
        var error = Assert.Throws<TableOptionException>(() => Source(("lookup.join.cache.ttl", "0 s")));
        Assert.Contains("lookup.join.cache.ttl", error.Message, StringComparison.Ordinal);
    }

    private static int Count(ILookupFunction function, string key)
    {
        var result = function.Lookup(Keys([key]));
        result.Rows.Dispose();
        return result.KeyRows.Length;
    }

    private ILookupTableSource Source(params (string Key, string Value)[] options)
    {
        var all = new Dictionary<string, string> { ["connector"] = "filesystem", ["path"] = _directory, ["format"] = "csv" };
        foreach (var (key, value) in options)
        {
            all[key] = value;
        }

        return Assert.IsAssignableFrom<ILookupTableSource>(_registry.CreateSource(new TableContext("rates", Rates, all)));
    }

    private static RecordBatch Keys(string?[] currencies) =>
        new(Schema.Of(new Field("currency", DataTypes.String())), [Column(DataTypes.String(), currencies)]);

    private static ColumnVector Column<T>(DataType type, T[] values)
    {
        using var builder = ColumnVectorBuilder.Create(type, values.Length);
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
    }
}
