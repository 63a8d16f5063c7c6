namespace Sluice.Server.Hosting;

/// <summary>The server's resolved absolute directories.</summary>
/// <param name="DataDirectory">The data directory.</param>
/// <param name="CheckpointDirectory">The directory of the deployments' checkpoints and savepoints.</param>
/// <param name="StaticFilesDirectory">The static files directory, or null when there is none.</param>
internal sealed record ServerPaths(string DataDirectory, string CheckpointDirectory, string? StaticFilesDirectory);
