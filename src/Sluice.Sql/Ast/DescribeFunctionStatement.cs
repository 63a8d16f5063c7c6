using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>DESCRIBE FUNCTION [EXTENDED] [catalog.][db.]name</c> (also <c>DESC</c>), Flink's function metadata.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The function, resolved as a call of that name is.</param>
/// <param name="IsExtended">True for <c>EXTENDED</c>: also kind, determinism and signatures.</param>
public sealed record DescribeFunctionStatement(SourceSpan Span, QualifiedName Name, bool IsExtended) : SqlStatement(Span);
