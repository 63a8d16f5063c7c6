using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The logic of one aggregate call, compiled once per operator by <see cref="Aggregator"/>: it creates, updates,
/// merges, reads and (de)serializes the call's accumulator. Accumulators are plain mutable objects kept in
/// <see cref="AccumulatorSet"/>s; functions hold no per-group data, so one instance serves every group.
/// </summary>
/// <remarks>
/// <para><b>Contract.</b> <see cref="Accumulate"/> and <see cref="Retract"/> see only rows that pass the call's
/// filter and have no null argument (the <see cref="Aggregator"/> checks both); a function that
/// <see cref="ReadsRows"/> gets every row that passes the filter through <see cref="ApplyRow"/> instead. Retracting a value that was never
/// accumulated must not fail (changelogs may retract before they accumulate); each function documents what it does
/// then, after Flink's retractable accumulators. <see cref="Merge"/> folds another accumulator of the same function
/// into the target (session windows merge), leaving the source unusable.</para>
/// <para><b>Order.</b> Every accumulated value comes with an order number (ascending in arrival order within one key):
/// FIRST_VALUE, LAST_VALUE and LISTAGG keep their values sorted by it, so merged accumulators keep arrival order.</para>
/// <para><b>Threading.</b> Stateless: functions may be shared; accumulators are used by the task thread only.</para>
/// </remarks>
internal abstract class AggregateFunction
{
    protected AggregateFunction(AggregateCall call) => Call = call;

    /// <summary>The call this function computes.</summary>
    public AggregateCall Call { get; }

    /// <summary>False when the function needs no argument value (COUNT without DISTINCT), so none is read.</summary>
    public virtual bool ReadsValue => true;

    /// <summary>
    /// True when the function reads its arguments from the row itself: <see cref="Aggregator"/> then hands it every row that
    /// passes the call's filter, NULL arguments included, through <see cref="ApplyRow"/> (not <see cref="Accumulate"/> /
    /// <see cref="Retract"/>), and does not wrap it for <c>DISTINCT</c>: the function handles NULLs and DISTINCT itself
    /// (ARRAY_AGG with RESPECT NULLS, the JSON aggregates with NULL ON NULL, PERCENTILE's frequency). Other functions
    /// keep the default path, where NULL arguments never reach them.
    /// </summary>
    public virtual bool ReadsRows => false;

    /// <summary>
    /// For a function that <see cref="ReadsRows"/>: accumulates (with arrival order <paramref name="order"/>) or, when
    /// <paramref name="retract"/>, retracts physical row <paramref name="physicalRow"/> of <paramref name="batch"/>.
    /// </summary>
    public virtual void ApplyRow(object accumulator, RecordBatch batch, int physicalRow, bool retract, long order) =>
        throw new NotSupportedException($"{GetType().Name} does not read rows.");

    /// <summary>A new, empty accumulator.</summary>
    public abstract object CreateAccumulator();

    /// <summary>Adds <paramref name="value"/> (with arrival order <paramref name="order"/>).</summary>
    public abstract void Accumulate(object accumulator, in AggregateValue value, long order);

    /// <summary>Removes one occurrence of <paramref name="value"/>.</summary>
    public abstract void Retract(object accumulator, in AggregateValue value);

    /// <summary>Folds <paramref name="source"/> into <paramref name="target"/>.</summary>
    public abstract void Merge(object target, object source);

    /// <summary>The result in the storage form of the call's result type, or null for SQL NULL.</summary>
    public abstract AggregateValue? GetResult(object accumulator);

    /// <summary>
    /// Appends the result (<see cref="GetResult"/>) to <paramref name="builder"/>, a column of the call's result type, or a
    /// NULL for SQL NULL. Functions whose result is at hand override it to skip the intermediate value.
    /// </summary>
    public virtual void AppendResult(object accumulator, Core.Vectors.ColumnVectorBuilder builder)
    {
        if (GetResult(accumulator) is { } value)
        {
            value.AppendTo(builder);
        }
        else
        {
            builder.AppendNull();
        }
    }

    /// <summary>Writes an accumulator.</summary>
    public abstract void Write(object accumulator, BinaryBufferWriter writer);

    /// <summary>Reads an accumulator written by <see cref="Write"/>.</summary>
    public abstract object Read(BinaryBufferReader reader);

    /// <summary>
    /// Empties <paramref name="accumulator"/> so it can be used again as a new one (a scratch merge target); false, with
    /// nothing changed, when the function cannot (then a new accumulator is created instead).
    /// </summary>
    public virtual bool TryReset(object accumulator) => false;

    /// <summary>Called before <see cref="Accumulate"/> with the row, for arguments beyond the value (LISTAGG's separator).</summary>
    public virtual void ObserveRow(object accumulator, RecordBatch batch, int physicalRow, long order)
    {
    }
}
