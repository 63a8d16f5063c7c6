using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Physical.Operators.Ptf;
using Sluice.Sql.Planning;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// <c>DEDUPLICATE_KEEP_FIRST</c>: keyed by the PARTITION BY columns (parallelism 1 without them), in processing-time
    /// mode over any input, with <c>on_time</c> over an insert-only input (an updating one is rejected, as in Flink);
    /// insert-only output.
    /// </summary>
    private PhysicalStream TranslateDeduplicateKeepFirst(DeduplicateKeepFirst keep)
    {
        var input = Translate(keep.Input);
        var keys = keep.PartitionKeys.ToArray();
        var inputSchema = input.Schema;
        var outputSchema = SchemaOf(keep);
        var columns = keep.OutputColumns.ToArray();
        var ttl = keep.StateTtl switch
        {
            null => _options.StateTtl is { } session ? new StateTtlConfig(session.Ttl) : null,
            { } span when span >= TimeSpan.FromMilliseconds(1) => new StateTtlConfig(span),
            _ => null,
        };
        var reset = keep.ResetTtlOnDuplicate;
        Runtime.Graph.JobVertex vertex;
        if (keep.OnTime >= 0)
        {
            if (!input.IsInsertOnly)
            {
                const string Message = "DEDUPLICATE_KEEP_FIRST with on_time takes an insert-only input, but its input is updating "
                    + "(changelog mode {0}); drop on_time to keep the first row by arrival";
                var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, input.Mode);
                throw keep.OnTimeSpan is { } span
                    ? new SqlException(SqlErrorCode.NotSupported, span, message)
                    : NotSupported(message);
            }

            var time = keep.OnTime;
            vertex = AddVertex("deduplicate-keep-first", KeyedParallelism(keys.Length),
                () => new EventTimeKeepFirstOperator(inputSchema, keys, time, columns, outputSchema, ttl, reset));
        }
        else
        {
            vertex = AddVertex("deduplicate-keep-first", KeyedParallelism(keys.Length),
                () => new KeepFirstOperator(inputSchema, keys, columns, outputSchema, ttl, reset));
        }

        Connect(input, vertex, keys);
        return new PhysicalStream(vertex, outputSchema, ChangelogMode.InsertOnly);
    }

    /// <summary>
    /// <c>TO_CHANGELOG</c>: stateless, hashed by the PARTITION BY columns so a key's changes stay in order (parallelism 1
    /// without them); insert-only output.
    /// </summary>
    private PhysicalStream TranslateToChangelog(ToChangelog changelog)
    {
        var input = Translate(changelog.Input);
        var keys = changelog.PartitionKeys.ToArray();
        var rest = changelog.RemainingColumns.ToArray();
        var inputSchema = input.Schema;
        var outputSchema = SchemaOf(changelog);
        var codes = changelog.Codes;
        var vertex = AddVertex("to-changelog", KeyedParallelism(keys.Length),
            () => new ToChangelogOperator(inputSchema, keys, rest, outputSchema, codes));
        Connect(input, vertex, keys);
        return new PhysicalStream(vertex, outputSchema, ChangelogMode.InsertOnly);
    }
}
