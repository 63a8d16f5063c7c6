using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One merge option of a <see cref="LikeClause"/>, e.g. <c>EXCLUDING OPTIONS</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Strategy">How the feature is merged.</param>
/// <param name="Feature">The feature.</param>
public sealed record LikeOption(SourceSpan Span, LikeMergeStrategy Strategy, LikeFeature Feature) : SqlNode(Span);
