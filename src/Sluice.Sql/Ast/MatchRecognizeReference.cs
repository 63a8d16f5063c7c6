using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// Row pattern recognition in <c>FROM</c>:
/// <c>input MATCH_RECOGNIZE ([PARTITION BY ...] [ORDER BY ...] [MEASURES ...] [ONE ROW PER MATCH] [AFTER MATCH SKIP ...]
/// PATTERN (...) [WITHIN interval] [SUBSET ...] DEFINE ...) [[AS] alias]</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Input">The table the rows come from.</param>
/// <param name="PartitionBy">The <c>PARTITION BY</c> expressions; empty when absent.</param>
/// <param name="OrderBy">The <c>ORDER BY</c> items; empty when absent.</param>
/// <param name="Measures">The <c>MEASURES</c>; empty when absent.</param>
/// <param name="OneRowPerMatch">True when <c>ONE ROW PER MATCH</c> is written (it is also the default).</param>
/// <param name="AfterMatch">The <c>AFTER MATCH SKIP</c> strategy, or null when absent.</param>
/// <param name="Pattern">The row pattern.</param>
/// <param name="Within">The <c>WITHIN</c> interval, or null.</param>
/// <param name="Subsets">The <c>SUBSET</c> definitions; empty when absent.</param>
/// <param name="Definitions">The <c>DEFINE</c> conditions.</param>
/// <param name="Alias">The alias, or null.</param>
public sealed record MatchRecognizeReference(
    SourceSpan Span,
    TableReference Input,
    NodeList<SqlExpression> PartitionBy,
    NodeList<OrderItem> OrderBy,
    NodeList<MatchMeasure> Measures,
    bool OneRowPerMatch,
    MatchSkip? AfterMatch,
    RowPattern Pattern,
    IntervalLiteral? Within,
    NodeList<MatchSubset> Subsets,
    NodeList<MatchDefinition> Definitions,
    TableAlias? Alias)
    : TableReference(Span);
