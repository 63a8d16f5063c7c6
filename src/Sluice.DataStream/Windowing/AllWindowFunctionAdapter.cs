using Sluice.DataStream.Functions;

namespace Sluice.DataStream.Windowing;

/// <summary>Runs a <see cref="ProcessAllWindowFunction{TIn, TOut}"/> as the window function of the single constant key of <c>WindowAll</c>.</summary>
internal sealed class AllWindowFunctionAdapter<TIn, TOut>(ProcessAllWindowFunction<TIn, TOut> function) : ProcessWindowFunction<TIn, TOut, int>
{
    private ProcessAllWindowFunction<TIn, TOut> _function = function;

    public override void Open(RuntimeContext context) => _function.Open(context);

    public override void Process(int key, ProcessWindowContext context, IEnumerable<TIn> elements, Collector<TOut> output) =>
        _function.Process(context, elements, output);

    public override void Clear(ProcessWindowContext context) => _function.Clear(context);

    public override void Close() => _function.Close();

    public override ProcessWindowFunction<TIn, TOut, int> Clone()
    {
        var copy = (AllWindowFunctionAdapter<TIn, TOut>)MemberwiseClone();
        copy._function = _function.Clone();
        return copy;
    }
}
