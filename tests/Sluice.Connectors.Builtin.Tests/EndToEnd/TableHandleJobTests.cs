using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Connectors.Builtin.Print;
using Sluice.Core.Schemas;
using Sluice.Core.Time;
using Sluice.Core.Types;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;

namespace Sluice.Connectors.Builtin.Tests.EndToEnd;

/// <summary>
/// What the SQL layer will do with the table SPI: resolve tables in a registry, open the type-erased handles with
/// visitors that build the runtime's operators, and run the job (datagen → print).
/// </summary>
[Trait("Category", "Integration")]
public class TableHandleJobTests
{
    [Fact]
    public async Task DatagenToPrint_ThroughHandles_PrintsEveryGeneratedRowOnce()
    {
        var schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));
        var output = new StringWriter();
        var registry = new ConnectorRegistry().Add(new DatagenTableFactory()).Add(new PrintTableFactory(TextWriter.Synchronized(output)));
        var source = registry.CreateSource(new TableContext("gen", schema, new Dictionary<string, string>
        {
            ["connector"] = "datagen",
            ["rows-per-second"] = "1000000000",
            ["fields.id.kind"] = "sequence",
            ["fields.id.start"] = "1",
            ["fields.id.end"] = "1000",
            ["fields.name.length"] = "3",
            ["seed"] = "5",
        }));
        var sink = registry.CreateSink(new TableContext("out", schema, new Dictionary<string, string>
        {
            ["connector"] = "print",
            ["print-identifier"] = "out",
        }));
        Assert.True(sink.AcceptedChangelogMode.Accepts(source.ChangelogMode));

        var graph = new JobGraph("datagen-to-print");
        var src = graph.AddSource("source", "datagen", 2, source.Source.Accept(new SourceOperatorBuilder()));
        var snk = graph.AddOperator("sink", "print", 2, sink.Sink.Accept(new SinkOperatorBuilder()));
        graph.Connect(src, snk, PartitionerKind.Forward);
        var result = await LocalExecutor.RunAsync(graph, new JobConfig());

        Assert.Equal(JobStatus.Finished, result.Status);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^out:[12]> \+I\[\d+, [0-9a-zA-Z]{3}\]$", l));
        var ids = lines.Select(l => long.Parse(l[(l.IndexOf('[', StringComparison.Ordinal) + 1)..l.IndexOf(',', StringComparison.Ordinal)],
            System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), ids);
    }

    private sealed class SourceOperatorBuilder : ISourceVisitor<Func<StreamOperator>>
    {
        public Func<StreamOperator> Visit<TSplit>(ISource<TSplit> source)
            where TSplit : ISourceSplit => () => new SourceOperator<TSplit>(source, WatermarkStrategy.None);
    }

    private sealed class SinkOperatorBuilder : ISinkVisitor<Func<StreamOperator>>
    {
        public Func<StreamOperator> Visit<TCommittable>(ISink<TCommittable> sink) => () => new SinkOperator<TCommittable>(sink);
    }
}
