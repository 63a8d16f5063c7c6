namespace Sluice.Sql.Physical.Expressions;

/// <summary>A binary arithmetic operator.</summary>
internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}
