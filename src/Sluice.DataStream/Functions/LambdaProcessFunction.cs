namespace Sluice.DataStream.Functions;

/// <summary>A <see cref="ProcessFunction{TIn, TOut}"/> from a delegate (FlatMap).</summary>
internal sealed class LambdaProcessFunction<TIn, TOut>(Action<TIn, ProcessContext, Collector<TOut>> process) : ProcessFunction<TIn, TOut>
{
    public override void ProcessElement(TIn value, ProcessContext context, Collector<TOut> output) => process(value, context, output);
}
