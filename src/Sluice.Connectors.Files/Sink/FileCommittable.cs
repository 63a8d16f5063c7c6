namespace Sluice.Connectors.Files.Sink;

/// <summary>One pre-committed part file: committing it renames the hidden pending file to its visible final name.</summary>
/// <param name="PendingPath">The absolute path of the hidden, fsynced pending file.</param>
/// <param name="FinalPath">The absolute path the file gets when committed.</param>
public sealed record FileCommittable(string PendingPath, string FinalPath);
