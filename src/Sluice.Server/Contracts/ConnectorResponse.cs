namespace Sluice.Server.Contracts;

/// <summary>A table connector or format the server's jobs can use (for editors: completion of <c>WITH</c> options).</summary>
/// <param name="Name">The name (<c>'connector' = '...'</c> or <c>'format' = '...'</c>).</param>
/// <param name="Kind"><c>CONNECTOR</c> or <c>FORMAT</c>.</param>
/// <param name="Description">What it does.</param>
/// <param name="Source">True when tables can read from it.</param>
/// <param name="Sink">True when tables can write to it.</param>
/// <param name="Options">The options it accepts.</param>
internal sealed record ConnectorResponse(string Name, string Kind, string Description, bool Source, bool Sink, IReadOnlyList<ConnectorOptionResponse> Options);
