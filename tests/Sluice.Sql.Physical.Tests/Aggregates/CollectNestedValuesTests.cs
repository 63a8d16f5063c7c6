using System.Collections;
using System.Globalization;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// COLLECT of nested values (ARRAY, ROW, MAP elements) in <see cref="CollectFunction"/>: a value's bytes
/// (<see cref="CollectFunction.EncodeNested"/>) depend on the value only, so a retraction read from another batch cancels
/// the accumulated value; the result multiset is written back into a MULTISET column with the values decoded
/// (<see cref="CollectFunction.AppendNested"/>); the accumulator survives a state round trip.
/// </summary>
public sealed class CollectNestedValuesTests
{
    private static ColumnVector Vector(DataType type, params object?[] values)
    {
        using var builder = ColumnVectorBuilder.Create(type, values.Length);
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
    }

    private static CollectFunction Collect(DataType element) =>
        new(new AggregateCall(AggregateKind.Collect, 0, DataTypes.Multiset(element).NotNull(), "c"));

    /// <summary>The collected multiset written into a MULTISET column, read back as text per element, sorted.</summary>
    private static List<string> Result(CollectFunction function, object accumulator, DataType element)
    {
        var result = function.GetResult(accumulator)!.Value;
        using var builder = new ListVectorBuilder(DataTypes.Multiset(element).NotNull());
        CollectFunction.AppendNested(result.Bytes!, builder);
        using var vector = builder.Build();
        return ((IEnumerable)vector.GetValue(0)!).Cast<object?>().Select(Text).Order(StringComparer.Ordinal).ToList();
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        KeyValuePair<object?, object?> pair => Text(pair.Key) + "=" + Text(pair.Value),
        string s => s,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Text)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    [Fact]
    public void Arrays_AreCountedByValue_AndARetractionFromAnotherBatchCancelsOne()
    {
        var type = DataTypes.Array(DataTypes.Int());
        var function = Collect(type);
        var accumulator = function.CreateAccumulator();
        using var first = Vector(type, new object?[] { 1, null }, new object?[] { 2 }, new object?[] { 1, null }, Array.Empty<object?>());
        for (var row = 0; row < first.Length; row++)
        {
            function.Accumulate(accumulator, CollectFunction.EncodeNested(first, row), row);
        }

        // The same value, read from a vector built differently (other rows around it), retracts the accumulated one.
        using var second = Vector(type, new object?[] { 7, 8, 9 }, new object?[] { 1, null });
        function.Retract(accumulator, CollectFunction.EncodeNested(second, 1));

        Assert.Equal(["[1, NULL]", "[2]", "[]"], Result(function, accumulator, type));
    }

    [Fact]
    public void Rows_AreCollectedWithTheirFields()
    {
        var type = DataTypes.Row(DataTypes.Field("a", DataTypes.Int()), DataTypes.Field("b", DataTypes.String()));
        var function = Collect(type);
        var accumulator = function.CreateAccumulator();
        using var rows = Vector(type, new object?[] { 1, "x" }, new object?[] { 2, null }, new object?[] { 1, "x" });
        for (var row = 0; row < rows.Length; row++)
        {
            function.Accumulate(accumulator, CollectFunction.EncodeNested(rows, row), row);
        }

        Assert.Equal(["[1, x]", "[1, x]", "[2, NULL]"], Result(function, accumulator, type));
    }

    [Fact]
    public void Maps_SurviveAStateRoundTrip()
    {
        var type = DataTypes.Map(DataTypes.String(), DataTypes.BigInt());
        var function = Collect(type);
        var accumulator = function.CreateAccumulator();
        using var maps = Vector(type,
            new[] { new KeyValuePair<object?, object?>("k", 1L) },
            new[] { new KeyValuePair<object?, object?>("k", 1L), new KeyValuePair<object?, object?>("j", null) });
        for (var row = 0; row < maps.Length; row++)
        {
            function.Accumulate(accumulator, CollectFunction.EncodeNested(maps, row), row);
        }

        var writer = new BinaryBufferWriter();
        function.Write(accumulator, writer);
        var restored = function.Read(new BinaryBufferReader(writer.ToArray()));

        Assert.Equal(Result(function, accumulator, type), Result(function, restored, type));
        Assert.Equal(["[k=1, j=NULL]", "[k=1]"], Result(function, restored, type));
    }
}
