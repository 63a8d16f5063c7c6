using Sluice.Core.Serialization;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Rank;

namespace Sluice.Sql.Physical.Tests.Rank;

/// <summary>
/// The event-time deduplication keeps the kept row as plain bytes now (no <see cref="RowData"/> object, no hash per row):
/// its state entries are written exactly as the (time, <see cref="RowData"/>) entries were, so snapshots of either form
/// restore.
/// </summary>
public sealed class RowTimeDeduplicateStateFormatTests
{
    private static readonly ITypeSerializer<(long, RowData)> OldForm = Serializers.Tuple(Serializers.Int64, RowDataSerializer.Instance);

    [Fact]
    public void KeptEntry_IsWrittenAsTheRowDataEntryWas_AndReadsEitherWay()
    {
        byte[] row = [0, 5, 1, 2, 3, 250, 0];
        var old = new BinaryBufferWriter(32);
        OldForm.Serialize((1_700_000_000_123L, new RowData(row)), old);
        var current = new BinaryBufferWriter(32);
        RowTimeDeduplicateOperator.EntrySerializer.Serialize((1_700_000_000_123L, row), current);

        Assert.Equal(old.WrittenSpan.ToArray(), current.WrittenSpan.ToArray());

        var read = RowTimeDeduplicateOperator.EntrySerializer.Deserialize(new BinaryBufferReader(old.WrittenSpan.ToArray()));
        Assert.Equal(1_700_000_000_123L, read.Time);
        Assert.Equal(row, read.Row);
        var back = OldForm.Deserialize(new BinaryBufferReader(current.WrittenSpan.ToArray()));
        Assert.Equal(new RowData(row), back.Item2);
    }
}
