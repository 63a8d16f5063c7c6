using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private void TranslateSink(Sink sink)
    {
        var table = sink.Table;
        var input = Translate(sink.Input);
        var persisted = new Schema(table.PersistedColumns.Select(c => new Field(c.Name, c.Type)));
        var context = new TableContext(table.Identifier.Name, persisted, ResolvePaths(table.Options, forSource: false))
        {
            PrimaryKey = table.PrimaryKey?.Columns ?? [],
            MetadataColumns = MetadataColumnsOf(table, persisted),
            SessionTimeZone = _options.SessionTimeZone,
            Clock = _options.Clock,
        };
        var tableSink = _options.Registry.CreateSink(context);

        var accepted = tableSink.AcceptedChangelogMode;
        if (!accepted.Accepts(input.Mode))
        {
            throw new SluiceException(
                $"Table sink '{table.Identifier}' doesn't support consuming update and delete changes which is produced by the query "
                + $"(the query produces {input.Mode}, the sink accepts {accepted}). Use a sink that accepts updates "
                + "(for example 'upsert-kafka', 'print', or a format such as 'debezium-json'), or make the query insert-only.",
                ErrorDomain.User);
        }

        if (accepted.IsUpsert && !input.IsInsertOnly && table.PrimaryKey is null)
        {
            throw new SluiceException(
                $"Table sink '{table.Identifier}' takes an updating stream as upserts and needs a PRIMARY KEY ... NOT ENFORCED to know which row an update replaces.",
                ErrorDomain.User);
        }

        var consumed = tableSink.ConsumedSchema;
        var dropUpdateBefore = accepted.IsUpsert && input.Mode.Contains(Sluice.Core.Batches.RowKind.UpdateBefore);
        var inputSchema = input.Schema;
        var adapter = AddVertex("to:" + table.Identifier.Name, input.Parallelism,
            () => new CalcOperator(inputSchema, null, null, consumed, dropUpdateBefore));
        Connect(input, adapter);
        var adapted = new PhysicalStream(adapter, consumed, input.Mode);
        var handle = tableSink.Sink;
        var vertex = AddVertex("sink:" + table.Identifier.Name, Parallelism, () => handle.Accept(new SinkOperatorFactory()));
        Connect(adapted, vertex, accepted.IsUpsert && PrimaryKeyIndexes(table, consumed) is { } key ? key : null);
        _translated[sink] = adapted;
    }

    private sealed class SinkOperatorFactory : ISinkVisitor<StreamOperator>
    {
        public StreamOperator Visit<TCommittable>(ISink<TCommittable> sink) => new SinkOperator<TCommittable>(sink);
    }
}
