using Sluice.Core.Batches;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Types;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Runs a <see cref="KeyedProcessFunction{TKey, TIn, TOut}"/>: keyed state and timers per key, checkpointed with the
/// key groups. Also the operator behind keyed Reduce and Aggregate.
/// </summary>
internal sealed class KeyedProcessOperator<TKey, TIn, TOut>(
    KeyedProcessFunction<TKey, TIn, TOut> template, Func<TIn, TKey> keyOf, ITypeInfo<TKey> keyType, StateTtlConfig? defaultTtl)
    : KeyedOperatorBase<TKey, TOut>(keyType, defaultTtl)
    where TKey : notnull
{
    private KeyedProcessFunction<TKey, TIn, TOut>? _function;
    private Action<TIn, KeyedProcessContext<TKey>, Collector<TOut>>? _process;

    internal KeyedProcessFunction<TKey, TIn, TOut> Function => _function!;

    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (Inputs.TryAccept<TIn>(batch, out var input))
        {
            ProcessElements(input, keyOf, _process!, output);
        }
    }

    public override void Close()
    {
        base.Close();
        _function?.Close();
    }

    protected override void OpenFunction(RuntimeContext context)
    {
        _function = template.Clone();
        _process = _function.ProcessElement;
        _function.Open(context);
    }

    protected override void InvokeOnTimer(long timestamp, KeyedProcessContext<TKey> context, Collector<TOut> output) =>
        _function!.OnTimer(timestamp, context, output);
}
