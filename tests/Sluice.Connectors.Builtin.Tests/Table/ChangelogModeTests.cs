using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Builtin.Tests.Table;

public class ChangelogModeTests
{
    [Fact]
    public void Accepts_InsertOnlySink_RejectsUpdates()
    {
        Assert.True(ChangelogMode.InsertOnly.Accepts(ChangelogMode.InsertOnly));
        Assert.False(ChangelogMode.InsertOnly.Accepts(ChangelogMode.All));
        Assert.False(ChangelogMode.InsertOnly.Accepts(ChangelogMode.Upsert));
    }

    [Fact]
    public void Accepts_UpsertSink_DropsUpdateBefore()
    {
        Assert.True(ChangelogMode.Upsert.Accepts(ChangelogMode.All));
        Assert.True(ChangelogMode.Upsert.IsUpsert);
        Assert.False(ChangelogMode.All.IsUpsert);
    }

    [Fact]
    public void Accepts_RetractSink_TakesEverything()
    {
        Assert.True(ChangelogMode.All.Accepts(ChangelogMode.Upsert));
        Assert.True(ChangelogMode.All.Accepts(ChangelogMode.Of(RowKind.Insert, RowKind.Delete)));
    }

    [Fact]
    public void Equality_AndText_FollowTheKinds()
    {
        Assert.Equal(ChangelogMode.Upsert, ChangelogMode.Of(RowKind.Delete, RowKind.UpdateAfter, RowKind.Insert));
        Assert.Equal("[I,UA,D]", ChangelogMode.Upsert.ToString());
        Assert.Equal("[I]", ChangelogMode.InsertOnly.ToString());
        Assert.True(ChangelogMode.InsertOnly.IsInsertOnly);
        Assert.Throws<ArgumentException>(() => ChangelogMode.Of());
    }
}
