using Sluice.Core.Batches;
using Sluice.DataStream.Functions;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>Runs a <see cref="CoProcessFunction{TIn1, TIn2, TOut}"/> over two inputs that are not keyed. Stateless.</summary>
internal sealed class CoProcessOperator<TIn1, TIn2, TOut>(CoProcessFunction<TIn1, TIn2, TOut> template, StateTtlConfig? defaultTtl)
    : DataStreamOperator, ITwoInputOperator
{
    private readonly Collector<TOut> _collector = new();
    private CoProcessFunction<TIn1, TIn2, TOut>? _function;
    private ProcessContext? _processContext;

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _function = template.Clone();
        _processContext = new ProcessContext(context, SideOutputs);
        _function.Open(new RuntimeContext(context, null, defaultTtl));
    }

    public override void ProcessBatch(IBatch batch, IOutput output) => ProcessBatch(0, batch, output);

    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        if (input == 0)
        {
            if (Inputs.TryAccept<TIn1>(batch, out var first))
            {
                Run(first, _function!.ProcessElement1, output);
            }
        }
        else if (Inputs.TryAccept<TIn2>(batch, out var second))
        {
            Run(second, _function!.ProcessElement2, output);
        }
    }

    public override void Close()
    {
        base.Close();
        _function?.Close();
    }

    protected override void FlushOutputs(IOutput output)
    {
        _collector.SetOutput(output);
        _collector.Flush();
    }

    protected override void DiscardOutputs() => _collector.Discard();

    private void Run<T>(ElementBatch<T> input, Action<T, ProcessContext, Collector<TOut>> process, IOutput output)
    {
        try
        {
            _collector.SetOutput(output);
            SideOutputs.SetOutput(output);
            var ctx = _processContext!;
            var items = input.Items;
            var ts = input.Timestamps;
            var hasTs = input.HasTimestamps;
            for (var i = 0; i < items.Length; i++)
            {
                long? t = hasTs ? ts[i] : null;
                ctx.Timestamp = t;
                _collector.CurrentTimestamp = t;
                process(items[i], ctx, _collector);
            }
        }
        finally
        {
            input.Dispose();
        }

        FlushAll(output);
    }
}
