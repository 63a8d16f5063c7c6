namespace Sluice.Sql.Physical.Expressions;

/// <summary>A one-operand numeric function: <c>-x</c>, <c>ABS</c>, <c>SIGN</c>, <c>FLOOR</c>, <c>CEIL</c>.</summary>
internal enum DecimalUnary
{
    Negate,
    Abs,
    Sign,
    Floor,
    Ceil,
}
