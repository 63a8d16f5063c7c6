namespace Sluice.Server.Contracts;

/// <summary>The plans of a script's queries and inserts.</summary>
/// <param name="Plan">The abstract syntax tree and optimized physical plan, as <c>EXPLAIN</c> prints them.</param>
internal sealed record ExplainResponse(string Plan);
