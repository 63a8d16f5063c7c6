using Sluice.Sql.Ast;

namespace Sluice.Sql.Syntax;

/// <summary>
/// Operator precedences shared by the parser and the formatter, ordered as in Flink (Calcite): <c>OR</c> &lt;
/// <c>AND</c> &lt; <c>NOT</c> &lt; <c>IS ...</c> &lt; comparisons &lt; <c>BETWEEN</c>/<c>LIKE</c>/<c>IN</c> &lt;
/// <c>+ -</c> &lt; <c>* / % ||</c> &lt; unary <c>+ -</c> &lt; <c>[]</c> and <c>.</c>.
/// </summary>
internal static class Precedence
{
    public const int Lowest = 0;
    public const int Or = 1;
    public const int And = 2;
    public const int Not = 3;
    public const int Is = 4;
    public const int Comparison = 5;
    public const int Between = 6;
    public const int Additive = 7;
    public const int Multiplicative = 8;
    public const int Unary = 9;
    public const int Postfix = 10;
    public const int Primary = 11;

    /// <summary>The precedence of a binary operator.</summary>
    public static int Of(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => Or,
        BinaryOperator.And => And,
        BinaryOperator.Add or BinaryOperator.Subtract => Additive,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo or BinaryOperator.Concat => Multiplicative,
        _ => Comparison,
    };
}
