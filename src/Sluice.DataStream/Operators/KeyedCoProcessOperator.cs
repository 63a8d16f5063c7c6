using Sluice.Core.Batches;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Types;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Runs a <see cref="KeyedCoProcessFunction{TKey, TIn1, TIn2, TOut}"/> over two inputs keyed by the same key type and
/// hasher; both inputs share the keyed state and timers of a key.
/// </summary>
internal sealed class KeyedCoProcessOperator<TKey, TIn1, TIn2, TOut>(
    KeyedCoProcessFunction<TKey, TIn1, TIn2, TOut> template, Func<TIn1, TKey> keyOf1, Func<TIn2, TKey> keyOf2, ITypeInfo<TKey> keyType,
    StateTtlConfig? defaultTtl)
    : KeyedOperatorBase<TKey, TOut>(keyType, defaultTtl), ITwoInputOperator
    where TKey : notnull
{
    private KeyedCoProcessFunction<TKey, TIn1, TIn2, TOut>? _function;
    private Action<TIn1, KeyedProcessContext<TKey>, Collector<TOut>>? _process1;
    private Action<TIn2, KeyedProcessContext<TKey>, Collector<TOut>>? _process2;

    public override void ProcessBatch(IBatch batch, IOutput output) => ProcessBatch(0, batch, output);

    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        if (input == 0)
        {
            if (Inputs.TryAccept<TIn1>(batch, out var first))
            {
                ProcessElements(first, keyOf1, _process1!, output);
            }
        }
        else if (Inputs.TryAccept<TIn2>(batch, out var second))
        {
            ProcessElements(second, keyOf2, _process2!, output);
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
        _process1 = _function.ProcessElement1;
        _process2 = _function.ProcessElement2;
        _function.Open(context);
    }

    protected override void InvokeOnTimer(long timestamp, KeyedProcessContext<TKey> context, Collector<TOut> output) =>
        _function!.OnTimer(timestamp, context, output);
}
