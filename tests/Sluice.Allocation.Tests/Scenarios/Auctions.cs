using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing;

namespace Sluice.Allocation.Tests.Scenarios;

/// <summary>
/// The auction side of the join scenarios (<c>id, seller, category</c>): ids 0 .. n-1 that <see cref="Bids"/>' auction
/// column refers to, fed to a join's right input.
/// </summary>
public static class Auctions
{
    /// <summary>The auctions' schema.</summary>
    public static Schema Schema { get; } = new(
    [
        new Field("id", DataTypes.BigInt()),
        new Field("seller", DataTypes.BigInt()),
        new Field("category", DataTypes.BigInt()),
    ]);

    /// <summary>Feeds auctions 0 .. <paramref name="count"/>-1 to input 1 of <paramref name="harness"/> and clears its output.</summary>
    public static void AddTo(OperatorHarness harness, int count)
    {
        using var builder = new RecordBatchBuilder(Schema, count);
        for (var id = 0L; id < count; id++)
        {
            builder.AppendInt64(0, id);
            builder.AppendInt64(1, 5000 + (id % 37));
            builder.AppendInt64(2, 10 + (id % 5));
            builder.AppendRowKind(RowKind.Insert);
        }

        harness.ProcessBatch(builder.Build(), input: 1);
        harness.ClearOutput();
    }
}
