using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// An interval literal: <c>INTERVAL [-]'value' qualifier</c>, e.g. <c>INTERVAL '5' MINUTE</c> or <c>INTERVAL '1 02:00'
/// DAY TO MINUTE</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="IsNegative">True when a minus sign precedes the string.</param>
/// <param name="Value">The string content, unvalidated.</param>
/// <param name="Qualifier">The units.</param>
public sealed record IntervalLiteral(
    SourceSpan Span,
    bool IsNegative,
    string Value,
    IntervalQualifier Qualifier)
    : SqlExpression(Span);
