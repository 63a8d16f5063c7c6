using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Blackhole;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Builtin.Tests.Blackhole;

public class BlackholeSinkTests
{
    [Fact]
    public void Write_AnyRows_DiscardsAndCountsThem()
    {
        var schema = Schema.Of(new Field("id", DataTypes.Int()));
        var table = new ConnectorRegistry().AddBuiltinConnectors()
            .CreateSink(new TableContext("t", schema, new Dictionary<string, string> { ["connector"] = "blackhole" }));
        var sink = (BlackholeSink)Assert.IsType<SinkHandle<NoCommit>>(table.Sink).Sink;
        using var writer = sink.CreateWriter(new SinkContext(0, 1, "a", TimeProvider.System));
        using var builder = new RecordBatchBuilder(schema);
        builder.AppendRow(RowKind.Insert, 1);
        builder.AppendRow(RowKind.Delete, 1);
        using var batch = builder.Build();

        writer.Write(batch);

        Assert.Equal(2, sink.DiscardedRows);
        Assert.Empty(writer.PrepareCommit(1));
        Assert.True(table.AcceptedChangelogMode.Accepts(ChangelogMode.All));
    }
}
