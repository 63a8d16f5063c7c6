using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// The units of an interval literal or type: <c>unit [(precision)] [TO unit [(fractional precision)]]</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Start">The leading unit.</param>
/// <param name="StartPrecision">The leading-field precision, if written.</param>
/// <param name="End">The trailing unit of a <c>TO</c> range, or null.</param>
/// <param name="FractionalPrecision">
/// The fractional-second precision of a trailing (or only) <c>SECOND</c>, if written.
/// </param>
public sealed record IntervalQualifier(
    SourceSpan Span,
    TimeUnit Start,
    int? StartPrecision,
    TimeUnit? End,
    int? FractionalPrecision)
    : SqlNode(Span);
