namespace Sluice.Sql.Ast;

/// <summary>The kind of a <see cref="NumericLiteral"/>.</summary>
public enum NumericLiteralKind
{
    /// <summary>Digits only, e.g. <c>42</c>.</summary>
    Integer,

    /// <summary>With a decimal point, e.g. <c>4.20</c>.</summary>
    Decimal,

    /// <summary>With an exponent, e.g. <c>4.2E1</c>.</summary>
    Approximate,
}
