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
        if (_options.TrimAndPadSinkStrings)
        {
            input = EnforceLengths(input, persisted);
        }
        else
        {
            // IGNORE (Flink's default): a string longer than its CHAR(n)/VARCHAR(n) column reaches the sink whole, so the
            // sink sees such a column with the type of the values it gets.
            persisted = new Schema(persisted.Fields.Select((f, i) =>
                SameSizedFamily(f.DataType, input.Schema[i].DataType) && !f.DataType.EqualsIgnoringNullability(input.Schema[i].DataType)
                    ? new Field(f.Name, input.Schema[i].DataType.WithNullability(f.DataType.IsNullable))
                    : f));
        }

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

    /// <summary>
    /// <c>table.exec.sink.type-length-enforcer</c> = <c>TRIM_PAD</c>: casts each string (or binary) column whose length
    /// differs from its sink column's to the sink column's type, which truncates, and pads a <c>CHAR</c>/<c>BINARY</c>.
    /// </summary>
    private PhysicalStream EnforceLengths(PhysicalStream input, Schema persisted)
    {
        var schema = input.Schema;
        var changed = false;
        var expressions = new List<Sluice.Sql.Binding.BoundExpression>();
        for (var i = 0; i < schema.Count; i++)
        {
            var produced = schema[i].DataType;
            var target = persisted[i].DataType;
            if (SameSizedFamily(target, produced) && !produced.EqualsIgnoringNullability(target))
            {
                expressions.Add(new Sluice.Sql.Binding.BoundCast(Ref(schema, i), target.WithNullability(produced.IsNullable)));
                changed = true;
            }
            else
            {
                expressions.Add(Ref(schema, i));
            }
        }

        return changed
            ? AddProjection(input, expressions, schema.Fields.Select(f => f.Name).ToList(), null, "sink-length-enforcer", schema.RowTimeIndex)
            : input;
    }

    /// <summary>True when both types are character strings (CHAR/VARCHAR) or both byte strings (BINARY/VARBINARY).</summary>
    private static bool SameSizedFamily(Core.Types.DataType a, Core.Types.DataType b)
    {
        static bool Characters(Core.Types.TypeId id) => id is Core.Types.TypeId.Char or Core.Types.TypeId.VarChar;
        static bool Bytes(Core.Types.TypeId id) => id is Core.Types.TypeId.Binary or Core.Types.TypeId.VarBinary;
        return (Characters(a.TypeId) && Characters(b.TypeId)) || (Bytes(a.TypeId) && Bytes(b.TypeId));
    }

    private sealed class SinkOperatorFactory : ISinkVisitor<StreamOperator>
    {
        public StreamOperator Visit<TCommittable>(ISink<TCommittable> sink) => new SinkOperator<TCommittable>(sink);
    }
}
