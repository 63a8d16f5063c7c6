using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>USE [CATALOG] name</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The catalog or (possibly qualified) database.</param>
/// <param name="IsCatalog">True for <c>USE CATALOG</c>.</param>
public sealed record UseStatement(SourceSpan Span, QualifiedName Name, bool IsCatalog) : SqlStatement(Span);
