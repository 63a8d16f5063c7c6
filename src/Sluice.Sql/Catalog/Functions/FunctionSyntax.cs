namespace Sluice.Sql.Catalog.Functions;

/// <summary>How a call is written, for plan text: <c>f(a, b)</c>, <c>a + b</c>, <c>NOT a</c>, <c>a IS NULL</c>.</summary>
public enum FunctionSyntax
{
    /// <summary><c>NAME(operands)</c>.</summary>
    Function,

    /// <summary><c>left NAME right</c>.</summary>
    Binary,

    /// <summary><c>NAME operand</c> (<c>NOT x</c>, <c>-x</c>).</summary>
    Prefix,

    /// <summary><c>operand NAME</c> (<c>x IS NULL</c>).</summary>
    Postfix,

    /// <summary><c>NAME</c> without parentheses (<c>CURRENT_TIMESTAMP</c>).</summary>
    Niladic,
}
