namespace Sluice.State.Checkpoints;

/// <summary>
/// A state file written into a checkpoint: where it is, how long it is and its checksum, so that a restore
/// can prove it reads exactly what was written.
/// </summary>
/// <param name="RelativePath">The file's path relative to the checkpoint folder ('/'-separated), so that a savepoint
/// stays valid when its folder is moved.</param>
/// <param name="Length">The file's length in bytes.</param>
/// <param name="Crc32C">The CRC-32C (Castagnoli) of the file's bytes.</param>
public sealed record StateHandle(string RelativePath, long Length, uint Crc32C);
