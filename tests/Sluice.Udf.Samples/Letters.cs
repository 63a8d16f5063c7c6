using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>A table function whose rows are plain strings (one column <c>f0</c>).</summary>
public sealed class Letters : TableFunction<string>
{
    /// <summary>One row per character.</summary>
    public void Eval(string text)
    {
        foreach (var c in text)
        {
            Collect(c.ToString());
        }
    }
}
