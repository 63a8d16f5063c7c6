namespace Sluice.Server.Contracts;

/// <summary>A deployment's job graph.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="Running">True when this is the running job's graph; false when planned from the spec.</param>
/// <param name="Operators">The operators.</param>
/// <param name="Edges">The data edges.</param>
internal sealed record JobGraphResponse(string Name, bool Running, IReadOnlyList<JobOperatorResponse> Operators, IReadOnlyList<JobEdgeResponse> Edges);
