using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Operators.Sinks;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private readonly HashSet<Sink> _materializedSinks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ObjectIdentifier, int> _sinkOrdinals = [];

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
            PartitionKeys = table.PartitionKeys,
            Overwrite = sink.Overwrite,
            StaticPartitions = sink.StaticPartitions,
            SinkOrdinal = _sinkOrdinals[table.Identifier] = _sinkOrdinals.TryGetValue(table.Identifier, out var ordinal) ? ordinal + 1 : 0,
        };
        var tableSink = _options.Registry.CreateSink(context);

        if (sink.Overwrite && !tableSink.SupportsOverwrite)
        {
            // As Flink, which needs the sink to implement SupportsOverwrite: never an INSERT INTO in disguise.
            throw SinkError(sink,
                $"INSERT OVERWRITE into table '{table.Identifier}': the connector '{table.Options.GetValueOrDefault("connector")}' cannot overwrite "
                + "a table's data (only 'filesystem' can); use INSERT INTO.");
        }

        if (table.Distribution is { } distribution && !tableSink.SupportsBucketing)
        {
            // As Flink, which needs the sink to implement SupportsBucketing; reading such a table is unaffected.
            throw SinkError(sink,
                $"Table '{table.Identifier}' is a bucketed table ({distribution}), but the connector "
                + $"'{table.Options.GetValueOrDefault("connector")}' does not support bucketing (Flink's SupportsBucketing; no Sluice connector does). "
                + "Drop the distribution with ALTER TABLE ... DROP DISTRIBUTION, or write to a table without one.");
        }

        var accepted = tableSink.AcceptedChangelogMode;
        if (!accepted.Accepts(input.Mode))
        {
            throw SinkError(sink,
                $"Table sink '{table.Identifier}' doesn't support consuming update and delete changes which is produced by the query "
                + $"(the query produces {input.Mode}, the sink accepts {accepted}). Use a sink that accepts updates "
                + "(for example 'upsert-kafka', 'print', or a format such as 'debezium-json'), or make the query insert-only.");
        }

        if (accepted.IsUpsert && !input.IsInsertOnly && table.PrimaryKey is null)
        {
            throw SinkError(sink,
                $"Table sink '{table.Identifier}' takes an updating stream as upserts and needs a PRIMARY KEY ... NOT ENFORCED to know which row an update replaces.");
        }

        var consumed = tableSink.ConsumedSchema;
        var primaryKey = table.PrimaryKey is null ? null : PrimaryKeyIndexes(table, consumed);
        var materialize = NeedsUpsertMaterializer(table, input, consumed, primaryKey);

        // The materializer needs the -U rows. Without it, an upsert sink whose primary key is the query's upsert key
        // replaces a key's row by the +U that follows, so -U rows are dropped (Flink asks for UPDATE_AFTER only); with any
        // other key (a strict subset of the primary key, or none) the +U may be another sink row, so the old row must go:
        // -U reaches the sink as -D, as Flink's upsert sinks write UPDATE_BEFORE as a delete.
        var updateBefore = accepted.IsUpsert && !materialize && input.Mode.Contains(Sluice.Core.Batches.RowKind.UpdateBefore);
        var updateBeforeAsDelete = updateBefore && !IsUpsertKey(input, primaryKey);
        var dropUpdateBefore = updateBefore && !updateBeforeAsDelete;
        var inputSchema = input.Schema;
        var adapter = AddVertex("to:" + table.Identifier.Name, input.Parallelism,
            () => new CalcOperator(inputSchema, null, null, consumed, dropUpdateBefore, updateBeforeAsDelete: updateBeforeAsDelete));
        Connect(input, adapter);
        var adapted = new PhysicalStream(adapter, consumed, input.Mode, input.UpsertKey);

        // The sink's vertex id comes before those of the enforcer and the materializer, so that adding them keeps the
        // ids (and savepoints) of jobs that had neither.
        var handle = tableSink.Sink;
        var partitioned = tableSink as IPartitionedTableSink;
        var forwardWatermarks = partitioned?.NeedsWatermarks == true;
        var vertex = AddVertex("sink:" + table.Identifier.Name, Parallelism, () => handle.Accept(new SinkOperatorFactory(forwardWatermarks)));
        adapted = EnforceNotNull(adapted, table, input.Schema);
        if (materialize)
        {
            var key = primaryKey!;
            var upsertKey = adapted.UpsertKey;
            var ttl = _options.StateTtl;
            var materializer = AddVertex("upsert-materialize:" + table.Identifier.Name, Parallelism,
                () => new SinkUpsertMaterializeOperator(consumed, key, upsertKey, ttl));
            Connect(adapted, materializer, key);
            adapted = new PhysicalStream(materializer, consumed, ChangelogMode.Upsert, key);
            _materializedSinks.Add(sink);
        }

        // 'sink.shuffle-by-partition.enable': the rows of one partition reach one writer.
        var shuffle = partitioned is { ShuffleColumns.Count: > 0 } ? partitioned.ShuffleColumns.ToArray() : null;
        Connect(adapted, vertex, accepted.IsUpsert && !materialize ? primaryKey : shuffle);
        _translated[sink] = adapted;
    }

    /// <summary>
    /// An error about writing <paramref name="sink"/>'s table that the connector's abilities cause: at the statement's
    /// target table name when the sink has one.
    /// </summary>
    private static SluiceException SinkError(Sink sink, string message) =>
        sink.TargetSpan is { } span
            ? new SqlException(SqlErrorCode.NotSupported, span, message)
            : new SluiceException(message, ErrorDomain.User);

    /// <summary>
    /// Whether the sink gets a <see cref="SinkUpsertMaterializeOperator"/> (<c>table.exec.sink.upsert-materialize</c>): never
    /// without a primary key or for an insert-only query; with <c>FORCE</c> always else; with <c>AUTO</c> when the query's
    /// upsert key is unknown or has a column outside the primary key, as then the changes of one sink key come from several
    /// upstream rows (and maybe subtasks), and their order at the sink is not theirs. As Flink's planner, an upsert key that
    /// the primary key contains (equal, a strict subset, or the empty key of a global aggregate) needs none: all changes of a sink row then come from one upstream
    /// key, in order, and the sink gets the <c>-U</c> rows as deletes (see <see cref="TranslateSink"/>).
    /// </summary>
    private bool NeedsUpsertMaterializer(CatalogTable table, PhysicalStream input, Schema consumed, int[]? primaryKey)
    {
        if (primaryKey is not { Length: > 0 } || input.IsInsertOnly || _options.UpsertMaterialize == SinkUpsertMaterialize.None)
        {
            return false;
        }

        // A global aggregate's upsert key is empty (one row at a time), which every primary key contains, as in Flink.
        var contained = input.UpsertKey is { } upsertKey && upsertKey.All(primaryKey.Contains);
        return _options.UpsertMaterialize != SinkUpsertMaterialize.Auto || !contained;
    }

    /// <summary>True when the query's upsert key is exactly the sink's primary key (in any column order).</summary>
    private static bool IsUpsertKey(PhysicalStream input, int[]? primaryKey) =>
        primaryKey is { Length: > 0 } && input.UpsertKey is { Length: > 0 } upsertKey && upsertKey.Order().SequenceEqual(primaryKey.Order());

    /// <summary>
    /// <c>table.exec.sink.not-null-enforcer</c>: a <see cref="SinkNotNullEnforcerOperator"/> chained to the adapter when a
    /// <c>NOT NULL</c> column of the sink gets a nullable value.
    /// </summary>
    private PhysicalStream EnforceNotNull(PhysicalStream adapted, CatalogTable table, Schema produced)
    {
        var columns = table.PersistedColumns
            .Select((c, i) => (Column: c, Index: i))
            .Where(c => !c.Column.Type.IsNullable && produced[c.Index].DataType.IsNullable)
            .Select(c => c.Index)
            .ToArray();
        if (columns.Length == 0)
        {
            return adapted;
        }

        var schema = adapted.Schema;
        var name = table.Identifier.ToString();
        var drop = _options.NotNullEnforcer == SinkNotNullEnforcer.Drop;
        var vertex = AddVertex("not-null-enforcer:" + table.Identifier.Name, adapted.Parallelism,
            () => new SinkNotNullEnforcerOperator(name, schema, columns, drop));
        Connect(adapted, vertex);
        return adapted with { Vertex = vertex };
    }

    /// <summary>The <c>EXPLAIN</c> details of a sink beyond its changelog mode: whether it got an upsert materializer.</summary>
    private void AppendSinkExplain(LogicalPlan node)
    {
        if (node is Sink sink && _materializedSinks.Contains(sink))
        {
            _explain.Append(", upsertMaterialize=[true]");
        }
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
                with { UpsertKey = input.UpsertKey }
            : input;
    }

    /// <summary>True when both types are character strings (CHAR/VARCHAR) or both byte strings (BINARY/VARBINARY).</summary>
    private static bool SameSizedFamily(Core.Types.DataType a, Core.Types.DataType b)
    {
        static bool Characters(Core.Types.TypeId id) => id is Core.Types.TypeId.Char or Core.Types.TypeId.VarChar;
        static bool Bytes(Core.Types.TypeId id) => id is Core.Types.TypeId.Binary or Core.Types.TypeId.VarBinary;
        return (Characters(a.TypeId) && Characters(b.TypeId)) || (Bytes(a.TypeId) && Bytes(b.TypeId));
    }

    private sealed class SinkOperatorFactory(bool forwardWatermarks = false) : ISinkVisitor<StreamOperator>
    {
        public StreamOperator Visit<TCommittable>(ISink<TCommittable> sink) =>
            forwardWatermarks ? new WatermarkForwardingSinkOperator<TCommittable>(sink) : new SinkOperator<TCommittable>(sink);
    }
}
