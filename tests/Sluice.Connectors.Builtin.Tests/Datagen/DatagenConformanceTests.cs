using Sluice.Connectors.Abstractions.Source;
using Sluice.Testing.Conformance;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Builtin.Tests.Datagen;

/// <summary>The source conformance kit over a bounded, seeded datagen source with a sequence and random columns.</summary>
public sealed class DatagenConformanceTests : SourceConformanceTests<DatagenSplit>
{
    private static readonly Schema Schema = Schema.Of(
        new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()), new Field("score", DataTypes.Double()),
        new Field("tags", DataTypes.Array(DataTypes.Int())));

    protected override ISource<DatagenSplit> CreateSource() => new DatagenSource(Schema, new DatagenOptions
    {
        RowsPerSecond = 1e12,
        NumberOfRows = 101,
        Seed = 99,
        BatchSize = 4,
        StartTime = DatagenTestSupport.Start,
        Fields = new Dictionary<string, DatagenFieldOptions>
        {
            ["id"] = new() { Kind = DatagenKind.Sequence, Start = "1", End = "1000" },
            ["name"] = new() { Length = 5, NullRate = 0.2 },
        },
    });

    protected override IReadOnlyList<string> ExpectedRows { get; } = DatagenTestSupport.ReadAll(
        new DatagenSource(Schema, new DatagenOptions
        {
            RowsPerSecond = 1e12,
            NumberOfRows = 101,
            Seed = 99,
            StartTime = DatagenTestSupport.Start,
            Fields = new Dictionary<string, DatagenFieldOptions>
            {
                ["id"] = new() { Kind = DatagenKind.Sequence, Start = "1", End = "1000" },
                ["name"] = new() { Length = 5, NullRate = 0.2 },
            },
        }), 1)[0];

    [Fact]
    public void ExpectedRows_AreTheSequence()
    {
        Assert.Equal(Enumerable.Range(1, 101).Select(i => $"+I[{i}, "), ExpectedRows.Select(r => r[..(r.IndexOf(',', StringComparison.Ordinal) + 2)]));
    }
}
