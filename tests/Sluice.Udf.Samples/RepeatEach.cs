using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>A variadic table function: <c>LATERAL TABLE(repeat_each(2, 'a', 'b'))</c> gives the rows a, a, b, b.</summary>
public sealed class RepeatEach : TableFunction<string>
{
    /// <summary>Emits every value <paramref name="times"/> times.</summary>
    public IEnumerable<string> Eval(int times, params string[] values) => values.SelectMany(v => Enumerable.Repeat(v, Math.Max(0, times)));
}
