using System.Globalization;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Operators.MatchRecognize;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// <c>MATCH_RECOGNIZE</c>: one <see cref="MatchRecognizeOperator"/> keyed by the partition columns (at parallelism 1
    /// without them, as Flink); aggregate arguments that are expressions are computed into extra columns first. The input
    /// must be insert-only (Flink's planning error otherwise); the output is insert-only.
    /// </summary>
    private PhysicalStream TranslateMatchRecognize(MatchRecognize match)
    {
        var input = Translate(match.Input);
        if (!input.IsInsertOnly)
        {
            throw new SluiceException(
                $"MATCH_RECOGNIZE doesn't support consuming update and delete changes, which its input produces (changelog mode {input.Mode}); it takes an append-only input, as in Flink",
                ErrorDomain.User);
        }

        if (match.Variables.Count > byte.MaxValue)
        {
            throw NotSupported($"A row pattern may have at most {byte.MaxValue} variables");
        }

        var schema = input.Schema;
        var extra = new List<BoundExpression>();
        int ColumnOf(BoundExpression expression)
        {
            if (expression is BoundInputRef r)
            {
                return r.Index;
            }

            extra.Add(expression);
            return schema.Count + extra.Count - 1;
        }

        var slots = SlotSpecs(match, ColumnOf);
        var prepared = input;
        if (extra.Count > 0)
        {
            var expressions = Enumerable.Range(0, schema.Count).Select(i => (BoundExpression)Ref(schema, i)).Concat(extra).ToList();
            var names = schema.Fields.Select(f => f.Name).Concat(extra.Select((_, i) => "$match" + i.ToString(CultureInfo.InvariantCulture))).ToList();
            prepared = AddProjection(input, expressions, names, null, "match-prepare", schema.RowTimeIndex);
        }

        var spec = MatchSpec(match, prepared.Schema, slots) with { TimeZone = _options.SessionTimeZone };
        var partition = spec.PartitionKeys;
        var outputSchema = spec.OutputSchema;
        _ = new MatchRecognizeOperator(spec);
        var vertex = AddVertex("match-recognize", KeyedParallelism(partition.Length), () => new MatchRecognizeOperator(spec));
        Connect(prepared, vertex, partition);
        return new PhysicalStream(vertex, outputSchema, ChangelogMode.InsertOnly);
    }

    /// <summary>The slots over input columns; <paramref name="columnOf"/> gives (or adds) the column of an expression.</summary>
    internal static List<MatchSlotSpec> SlotSpecs(MatchRecognize match, Func<BoundExpression, int> columnOf) =>
        match.Slots.Select(slot =>
        {
            var columns = slot.Sources.Select(columnOf).ToArray();
            var aggregate = slot.Aggregate is { } call ? ToPhysicalCall(call with { Arguments = columns.ToNodeList() }) : null;
            return new MatchSlotSpec(slot.Kind, [.. slot.Variables], slot.Offset,
                slot.Kind is MatchSlotKind.Aggregate || columns.Length == 0 ? -1 : columns[0], aggregate, slot.Type);
        }).ToList();

    /// <summary>The operator's spec for <paramref name="match"/> over input rows of <paramref name="inputSchema"/>.</summary>
    internal static MatchRecognizeSpec MatchSpec(MatchRecognize match, Core.Schemas.Schema inputSchema, IReadOnlyList<MatchSlotSpec> slots)
    {
        var partition = match.PartitionKeys.Select(k => ((BoundInputRef)k).Index).ToArray();
        var time = ((BoundInputRef)match.OrderKeys[0].Expression).Index;
        var processingTime = match.Input.Schema[time].TimeAttribute == TimeAttribute.ProcTime;
        var secondary = match.OrderKeys.Skip(1).ToList();
        if (secondary.Any(k => k.Expression is not BoundInputRef))
        {
            throw NotSupported("The ORDER BY keys of MATCH_RECOGNIZE after the time attribute must be columns");
        }

        return new MatchRecognizeSpec(inputSchema, partition, time, processingTime, secondary, [.. match.Variables],
            MatchProgram.Compile(match.Pattern, match.Variables), slots, [.. match.Definitions], [.. match.Measures], SchemaOf(match),
            match.Skip, match.SkipVariable, match.Within is { } within ? (long)within.TotalMilliseconds : null);
    }
}
