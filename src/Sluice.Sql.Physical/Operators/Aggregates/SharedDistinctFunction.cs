using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>DISTINCT</c> over one 64-bit integer argument, for a call that shares its argument with other <c>DISTINCT</c> calls
/// of the same operator (typically one column under several <c>FILTER</c>s: q15/q16's
/// <c>COUNT(DISTINCT bidder) FILTER (WHERE price &lt; 10000)</c> and its siblings). The calls of such a group keep
/// one <see cref="SharedLongCountMap"/> per group and key, each call a slot of it, instead of one multiset each; each
/// call keeps its own inner accumulator. What <see cref="IntegerDistinctFunction"/> does, with one lookup per value for
/// the whole group.
/// </summary>
/// <remarks>
/// <para><b>Which calls.</b> Only calls whose result does not depend on the arrival order of their values (COUNT, SUM,
/// SUM0, AVG, MIN, MAX and the variances), since the shared table keeps no orders (<see cref="CanShare"/>).</para>
/// <para><b>State.</b> Each call's accumulator is written exactly as <see cref="IntegerDistinctFunction"/> writes it (its
/// slot's values, counts and an order number, which is 0 here and ignored on read), so snapshots read back either way;
/// <see cref="Link"/> joins the slots read separately into one table.</para>
/// </remarks>
internal sealed class SharedDistinctFunction(AggregateFunction inner, int slot, int slots) : AggregateFunction(inner.Call)
{
    /// <summary>The most calls one table serves.</summary>
    private const int MaxSlots = 32;

    /// <summary>The call's slot in its group's table.</summary>
    public int Slot => slot;

    /// <summary>True when <paramref name="call"/>'s result does not depend on the order in which its values arrive.</summary>
    public static bool CanShare(AggregateCall call) =>
        call.Arguments.Count == 1 && call.Kind is AggregateKind.Count or AggregateKind.Sum or AggregateKind.Sum0
            or AggregateKind.Avg or AggregateKind.Min or AggregateKind.Max or AggregateKind.StddevPop or AggregateKind.StddevSamp
            or AggregateKind.VarPop or AggregateKind.VarSamp;

    /// <summary>
    /// Replaces the <see cref="IntegerDistinctFunction"/>s of <paramref name="functions"/> that read the same argument
    /// column (and pass <see cref="CanShare"/>) by shared ones, and returns the groups (call indices, a group's slots in
    /// order). Calls alone on their column stay as they are.
    /// </summary>
    public static int[][] Share(AggregateFunction[] functions, IReadOnlyList<AggregateCall> calls)
    {
        var byColumn = new Dictionary<int, List<int>>();
        for (var i = 0; i < functions.Length; i++)
        {
            if (functions[i] is IntegerDistinctFunction && CanShare(calls[i]))
            {
                var column = calls[i].Arguments[0];
                if (!byColumn.TryGetValue(column, out var members))
                {
                    byColumn[column] = members = [];
                }

                members.Add(i);
            }
        }

        var groups = new List<int[]>();
        foreach (var members in byColumn.Values)
        {
            for (var start = 0; members.Count - start >= 2; start += MaxSlots)
            {
                var group = members.GetRange(start, Math.Min(MaxSlots, members.Count - start)).ToArray();
                if (group.Length < 2)
                {
                    break;
                }

                for (var k = 0; k < group.Length; k++)
                {
                    var distinct = (IntegerDistinctFunction)functions[group[k]];
                    functions[group[k]] = new SharedDistinctFunction(distinct.Inner, k, group.Length);
                }

                groups.Add(group);
            }
        }

        return [.. groups];
    }

    /// <summary>
    /// Gives the calls of each group in <paramref name="accumulators"/> (one set) one table, moving in what each call's
    /// accumulator held on its own (after a read).
    /// </summary>
    public static void Link(int[][] groups, object[] accumulators)
    {
        foreach (var group in groups)
        {
            var expected = 0;
            foreach (var call in group)
            {
                var own = ((Member)accumulators[call]).Table;
                expected = Math.Max(expected, own is null ? 0 : own.CountIn(Array.IndexOf(group, call)));
            }

            var table = new SharedLongCountMap(group.Length, expected);
            for (var k = 0; k < group.Length; k++)
            {
                var member = (Member)accumulators[group[k]];
                if (member.Table is { } own)
                {
                    foreach (var (value, count) in own.Entries(k))
                    {
                        table.Increment(value, k, count);
                    }
                }

                member.Table = table;
            }
        }
    }

    public override object CreateAccumulator() => new Member(inner.CreateAccumulator());

    public override void Accumulate(object accumulator, in AggregateValue value, long order)
    {
        var acc = (Member)accumulator;
        if ((acc.Table ??= new SharedLongCountMap(slots)).Increment((long)value.Number, slot))
        {
            inner.Accumulate(acc.Inner, value, order);
        }
    }

    public override void Retract(object accumulator, in AggregateValue value)
    {
        var acc = (Member)accumulator;
        if (acc.Table is { } table && table.Decrement((long)value.Number, slot) == 0)
        {
            inner.Retract(acc.Inner, value);
        }
    }

    public override void Merge(object target, object source)
    {
        var t = (Member)target;
        if (((Member)source).Table is not { } from)
        {
            return;
        }

        var to = t.Table ??= new SharedLongCountMap(slots);
        foreach (var (value, count) in from.Entries(slot))
        {
            if (to.Increment(value, slot, count))
            {
                inner.Accumulate(t.Inner, AggregateValue.FromNumber(value), 0);
            }
        }
    }

    public override bool TryReset(object accumulator)
    {
        var acc = (Member)accumulator;
        if (!inner.TryReset(acc.Inner))
        {
            return false;
        }

        // The group's calls are reset together (Aggregator.TryReset), so the whole table goes.
        acc.Table?.Clear();
        return true;
    }

    public override void ObserveRow(object accumulator, Core.Batches.RecordBatch batch, int physicalRow, long order) =>
        inner.ObserveRow(((Member)accumulator).Inner, batch, physicalRow, order);

    public override AggregateValue? GetResult(object accumulator) => inner.GetResult(((Member)accumulator).Inner);

    public override void AppendResult(object accumulator, Core.Vectors.ColumnVectorBuilder builder) =>
        inner.AppendResult(((Member)accumulator).Inner, builder);

    /// <summary>The function applied to the distinct values.</summary>
    public AggregateFunction Inner => inner;

    /// <summary>The number of calls sharing the table.</summary>
    public int Slots => slots;

    /// <summary>The table of an accumulator of this function (shared with the set's other calls of its group), created when missing.</summary>
    public SharedLongCountMap TableOf(object accumulator) => ((Member)accumulator).Table ??= new SharedLongCountMap(slots);

    /// <summary>The inner function's accumulator within an accumulator of this function.</summary>
    public static object InnerOf(object accumulator) => ((Member)accumulator).Inner;

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var acc = (Member)accumulator;
        if (acc.Table is not { } table)
        {
            writer.WriteVarInt64(0);
        }
        else
        {
            writer.WriteVarInt64(table.CountIn(slot));
            foreach (var (value, count) in table.Entries(slot))
            {
                AggregateValue.FromNumber(value).Write(writer);
                writer.WriteVarInt64(count);
                writer.WriteVarInt64(0);
            }
        }

        inner.Write(acc.Inner, writer);
    }

    public override object Read(BinaryBufferReader reader)
    {
        var count = reader.ReadVarInt64();
        var table = new SharedLongCountMap(slots, (int)Math.Min(count, 1 << 20));
        for (var i = 0L; i < count; i++)
        {
            var value = AggregateValue.ReadFrom(reader);
            if (value.Bytes is not null || value.Number < long.MinValue || value.Number > long.MaxValue)
            {
                throw new Core.Errors.StateException(
                    $"The DISTINCT state of {Call.Name} holds a value that is not a 64-bit integer; the argument's type changed.",
                    Core.Errors.ErrorDomain.User);
            }

            var occurrences = reader.ReadVarInt64();
            reader.ReadVarInt64(); // The order of the value's first occurrence: the shared calls do not depend on it.
            if (occurrences > 0)
            {
                table.Increment((long)value.Number, slot, occurrences);
            }
        }

        return new Member(inner.Read(reader)) { Table = table };
    }

    /// <summary>One call's accumulator: the group's table (shared with the other calls of the set) and the inner accumulator.</summary>
    private sealed class Member(object inner)
    {
        public SharedLongCountMap? Table { get; set; }

        public object Inner { get; } = inner;
    }
}
