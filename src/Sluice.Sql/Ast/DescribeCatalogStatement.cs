using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>DESCRIBE CATALOG [EXTENDED] name</c> (also <c>DESC</c>): the catalog's name, type and comment, with <c>EXTENDED</c> its options.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The catalog.</param>
/// <param name="IsExtended">True for <c>EXTENDED</c>.</param>
public sealed record DescribeCatalogStatement(SourceSpan Span, Identifier Name, bool IsExtended) : SqlStatement(Span);
