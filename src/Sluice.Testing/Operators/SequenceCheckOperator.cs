using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;
using Sluice.Testing.Faults;
using Sluice.Testing.Sources;

namespace Sluice.Testing.Operators;

/// <summary>
/// Keyed stateful check of exactly-once state (like Flink's SemanticsCheckMapper): keeps each key's last
/// sequence number and running count, fails if a sequence number is skipped or repeated, and emits
/// <see cref="SequenceCount"/> for every event. Optionally injects failures.
/// </summary>
public sealed class SequenceCheckOperator(FailureInjector? failures = null) : StreamOperator
{
    private IKeyedStateBackend<long>? _backend;
    private IValueState<long>? _lastSeq;
    private IValueState<long>? _count;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(Serializers.Int64, KeyHashers.Int64);
        _lastSeq = _backend.GetValueState(new ValueStateDescriptor<long>("last-seq", Serializers.Int64));
        _count = _backend.GetValueState(new ValueStateDescriptor<long>("count", Serializers.Int64));
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        var input = (ElementBatch<SequenceEvent>)batch;
        var result = new ElementBatch<SequenceCount>(input.RowCount, withTimestamps: true);
        var items = input.Items;
        var timestamps = input.Timestamps;
        for (var i = 0; i < items.Length; i++)
        {
            failures?.MaybeFail("operator");
            var e = items[i];
            _backend!.SetCurrentKey(e.Key);
            _lastSeq!.TryGet(out var last);
            if (e.Seq != last + 1)
            {
                throw new InvalidOperationException($"Key {e.Key}: sequence {e.Seq} follows {last} (exactly-once state violated).");
            }

            _lastSeq.Update(e.Seq);
            _count!.TryGet(out var count);
            _count.Update(count + 1);
            result.Add(new SequenceCount(e.Key, e.Seq, count + 1), timestamps[i]);
        }

        batch.Dispose();
        output.Collect(result);
    }
}
