namespace Sluice.Server.Contracts;

/// <summary>An operator of a job graph.</summary>
/// <param name="Id">The stable operator id.</param>
/// <param name="Name">The operator's name.</param>
/// <param name="Parallelism">Its parallel subtasks.</param>
/// <param name="IsSource">True for a source.</param>
internal sealed record JobOperatorResponse(string Id, string Name, int Parallelism, bool IsSource);
