namespace Sluice.Sql.Physical.Expressions;

/// <summary>A function of doubles computed by <see cref="MathKernel"/>.</summary>
internal enum MathFunction
{
    Sqrt,
    Exp,
    Ln,
    Log10,
    Log2,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Degrees,
    Radians,

    /// <summary><c>POWER(a, b)</c>.</summary>
    Power,

    /// <summary><c>LOG(base, x)</c>: <c>ln(x) / ln(base)</c>.</summary>
    Log,
}
