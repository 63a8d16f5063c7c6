namespace Sluice.Udf.Samples.Invalid;

/// <summary>Not a function at all.</summary>
public sealed class NotAFunction
{
    /// <summary>An Eval that does not count.</summary>
    public int Eval(int x) => x;
}
