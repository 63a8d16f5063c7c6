using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Time;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sources;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private PhysicalStream TranslateScan(TableScan scan)
    {
        var table = scan.Table;
        var (source, expressions, storedSchema) = CreateTableSource(table, scan);
        var rowTimeStored = storedSchema.RowTimeIndex >= 0;
        if (source.Source.Boundedness == Boundedness.Unbounded)
        {
            MarkUnbounded();
        }

        var sourceWatermarks = rowTimeStored ? SourceWatermarks(expressions) : null;
        var strategy = sourceWatermarks ?? WatermarkStrategy.None;
        var handle = source.Source;
        var vertex = AddVertex("source:" + table.Identifier.Name, Parallelism, () => handle.Accept(new SourceOperatorFactory(strategy)), isSource: true);
        var stream = new PhysicalStream(vertex, storedSchema, source.ChangelogMode, PrimaryKeyIndexes(table, storedSchema));
        if (source.ChangelogMode.IsUpsert)
        {
            stream = NormalizeUpserts(stream, table);
        }

        var tableSchema = SchemaOf(scan);
        if (!expressions.IsIdentity)
        {
            var input = stream;
            var columns = expressions.Columns;
            var calc = AddVertex("computed:" + table.Identifier.Name, Parallelism,
                () => new CalcOperator(input.Schema, null, columns, tableSchema, sessionTimeZone: _options.SessionTimeZone));
            Connect(stream, calc);
            stream = new PhysicalStream(calc, tableSchema, stream.Mode, PrimaryKeyIndexes(table, tableSchema));
        }
        else if (!ReferenceEquals(stream.Schema, tableSchema) && stream.Schema != tableSchema)
        {
            stream = stream with { Schema = stream.Schema };
        }

        if (expressions.Watermark is { } watermark && sourceWatermarks is null)
        {
            var input = stream;
            var assigner = AddVertex("watermarks:" + table.Identifier.Name, Parallelism, () => new WatermarkAssignerOperator(input.Schema, watermark));
            Connect(stream, assigner);
            stream = stream with { Vertex = assigner };
        }

        return stream;
    }

    /// <summary>
    /// Creates the connector's source of <paramref name="table"/> for its stored columns (physical and metadata, with
    /// the row-time column marked when it is stored), with the expressions of the table's columns over them. For a
    /// <paramref name="scan"/>, the connector is told what the job reads (it may leave the rest NULL).
    /// </summary>
    private (ITableSource Source, ScanExpressions Expressions, Core.Schemas.Schema StoredSchema) CreateTableSource(
        CatalogTable table, TableScan? scan = null)
    {
        var expressions = Planner.BindScanExpressions(table, _catalog);
        var storedSchema = expressions.StoredRow.ToSchema();
        var rowTimeName = expressions.RowTimeColumn >= 0 ? table.Columns[expressions.RowTimeColumn].Name : null;
        if (rowTimeName is not null && storedSchema.IndexOf(rowTimeName) >= 0)
        {
            storedSchema = storedSchema.WithRowTime(rowTimeName);
        }

        var context = new TableContext(table.Identifier.Name, storedSchema, ResolvePaths(table.Options, forSource: true))
        {
            PrimaryKey = table.PrimaryKey?.Columns ?? [],
            MetadataColumns = MetadataColumnsOf(table, storedSchema),
            SessionTimeZone = _options.SessionTimeZone,
            Clock = _options.Clock,
            Reads = scan is null ? null : _scanReads.StoredReads(scan, expressions),
            PartitionKeys = table.PartitionKeys,
        };
        if (scan is not null && context.Reads is { } reads)
        {
            _pushedReads[scan] = ScanReads.Describe(reads, storedSchema);
        }

        var source = _options.Registry.CreateSource(context);
        if (scan is not null)
        {
            source = PushPartitionFilter(source, scan);
        }

        if (source.ProducedSchema.Count != storedSchema.Count)
        {
            throw NotSupported($"Table '{table.Identifier.Name}': the connector '{table.Options.GetValueOrDefault("connector")}' does not provide the metadata columns the table declares");
        }

        return (source, expressions, storedSchema);
    }

    /// <summary>
    /// Flink's <c>ChangelogNormalize</c> after a source that produces upserts (+I/+U/-D by primary key, such as
    /// <c>upsert-kafka</c>): keyed by the primary key, it emits the complete changelog with -U before-images and full
    /// -D rows.
    /// </summary>
    private PhysicalStream NormalizeUpserts(PhysicalStream stream, CatalogTable table)
    {
        if (stream.UpsertKey is not { Length: > 0 } keys)
        {
            throw new Core.Errors.SluiceException(
                $"Table '{table.Identifier.Name}' produces an upsert changelog (connector '{table.Options.GetValueOrDefault("connector")}') "
                + "and needs a PRIMARY KEY ... NOT ENFORCED on stored columns to know which row an upsert replaces.",
                Core.Errors.ErrorDomain.User);
        }

        var schema = stream.Schema;
        var ttl = _options.StateTtl;
        var normalize = AddVertex("changelog-normalize:" + table.Identifier.Name, KeyedParallelism(keys.Length),
            () => new ChangelogNormalizeOperator(schema, keys, ttl));
        Connect(stream, normalize, keys);
        return new PhysicalStream(normalize, schema, ChangelogMode.All, keys);
    }

    /// <summary>
    /// The source-side watermark strategy when the watermark is <c>rowtime</c> or <c>rowtime - INTERVAL</c> on a
    /// stored row-time column (generated per split, as Flink pushes watermarks into sources); null otherwise.
    /// </summary>
    private static WatermarkStrategy? SourceWatermarks(ScanExpressions expressions)
    {
        switch (expressions.Watermark)
        {
            case BoundInputRef r when r.Index == expressions.RowTimeColumn:
                return WatermarkStrategy.Monotonous();
            case BoundCall { Operands.Count: 2 } call
                when ReferenceEquals(call.Function, BuiltInFunctions.Minus)
                     && call.Operands[0] is BoundInputRef r && r.Index == expressions.RowTimeColumn
                     && call.Operands[1] is BoundLiteral { Value: TimeSpan delay } && delay >= TimeSpan.Zero:
                return WatermarkStrategy.BoundedOutOfOrderness(delay);
            default:
                return null;
        }
    }

    private static int[]? PrimaryKeyIndexes(CatalogTable table, Sluice.Core.Schemas.Schema schema)
    {
        if (table.PrimaryKey is not { } key)
        {
            return null;
        }

        var indexes = key.Columns.Select(schema.IndexOf).ToArray();
        return indexes.All(i => i >= 0) ? indexes : null;
    }

    /// <summary>
    /// The table options with a relative source <c>path</c> resolved: kept when it exists relative to the current
    /// directory, else looked up relative to the script's directory (so a script's data travels with it). Sink paths
    /// stay relative to the current directory, as in Flink.
    /// </summary>
    private IReadOnlyDictionary<string, string> ResolvePaths(IReadOnlyDictionary<string, string> options, bool forSource)
    {
        if (!forSource || !options.TryGetValue("path", out var path) || Path.IsPathRooted(path) || path.Contains("://", StringComparison.Ordinal)
            || _options.ScriptDirectory is not { } scriptDirectory || File.Exists(path) || Directory.Exists(path))
        {
            return options;
        }

        var candidate = Path.GetFullPath(Path.Combine(scriptDirectory, path));
        return File.Exists(candidate) || Directory.Exists(candidate)
            ? new Dictionary<string, string>(options, StringComparer.Ordinal) { ["path"] = candidate }
            : options;
    }

    private sealed class SourceOperatorFactory(WatermarkStrategy strategy) : ISourceVisitor<StreamOperator>
    {
        public StreamOperator Visit<TSplit>(ISource<TSplit> source)
            where TSplit : ISourceSplit => new SourceOperator<TSplit>(source, strategy);
    }

    /// <summary>The metadata columns among <paramref name="schema"/>'s columns, with their metadata keys.</summary>
    private static Dictionary<string, string> MetadataColumnsOf(CatalogTable table, Core.Schemas.Schema schema)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            if (column.Kind == ColumnKind.Metadata && schema.IndexOf(column.Name) >= 0)
            {
                metadata[column.Name] = column.MetadataKey ?? column.Name;
            }
        }

        return metadata;
    }
}
