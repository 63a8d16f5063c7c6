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

    /// <summary><c>COT(x)</c>: <c>1 / tan(x)</c>.</summary>
    Cot,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Degrees,
    Radians,

    /// <summary><c>POWER(a, b)</c>.</summary>
    Power,

    /// <summary><c>LOG(base, x)</c>: <c>ln(x) / ln(base)</c>.</summary>
    Log,

    /// <summary><c>ATAN2(y, x)</c>.</summary>
    Atan2,
}
