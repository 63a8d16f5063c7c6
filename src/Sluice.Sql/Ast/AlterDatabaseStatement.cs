using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>ALTER DATABASE [catalog.]name SET ('k' = 'v', ...)</c>: sets properties of the database.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The database.</param>
/// <param name="Options">The properties set.</param>
public sealed record AlterDatabaseStatement(SourceSpan Span, QualifiedName Name, NodeList<Property> Options) : SqlStatement(Span);
