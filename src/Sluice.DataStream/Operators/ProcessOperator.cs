using Sluice.Core.Batches;
using Sluice.DataStream.Functions;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>Runs a <see cref="ProcessFunction{TIn, TOut}"/> (also FlatMap) on a stream that is not keyed. Stateless.</summary>
internal sealed class ProcessOperator<TIn, TOut>(ProcessFunction<TIn, TOut> template, StateTtlConfig? defaultTtl) : DataStreamOperator
{
    private readonly Collector<TOut> _collector = new();
    private ProcessFunction<TIn, TOut>? _function;
    private ProcessContext? _processContext;

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _function = template.Clone();
        _processContext = new ProcessContext(context, SideOutputs);
        _function.Open(new RuntimeContext(context, null, defaultTtl));
    }

    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (!Inputs.TryAccept<TIn>(batch, out var input))
        {
            return;
        }

        try
        {
            _collector.SetOutput(output);
            SideOutputs.SetOutput(output);
            var function = _function!;
            var ctx = _processContext!;
            var items = input.Items;
            var ts = input.Timestamps;
            var hasTs = input.HasTimestamps;
            for (var i = 0; i < items.Length; i++)
            {
                long? t = hasTs ? ts[i] : null;
                ctx.Timestamp = t;
                _collector.CurrentTimestamp = t;
                function.ProcessElement(items[i], ctx, _collector);
            }
        }
        finally
        {
            input.Dispose();
        }

        FlushAll(output);
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
}
