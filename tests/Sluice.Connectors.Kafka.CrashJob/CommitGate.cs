namespace Sluice.Connectors.Kafka.CrashJob;

/// <summary>
/// An exclusive lock on a file shared by the crash job and the crash test (.NET takes an advisory <c>flock</c> for
/// <see cref="FileShare.None"/>): the job holds it while a commit writes its transaction, the test holds it while it
/// kills the job. librdkafka's mock cluster does not make a transaction's records visible atomically, so a kill in
/// the middle of a commit would show the mock's limitation rather than the sink's; with a real broker the transaction
/// makes the commit atomic. Kills still land anywhere else, including between a checkpoint's completion and its commit.
/// </summary>
public static class CommitGate
{
    /// <summary>Takes the lock, waiting while the other side holds it; dispose the result to release it.</summary>
    /// <exception cref="TimeoutException">The lock was not free within <paramref name="timeout"/>.</exception>
    public static FileStream Acquire(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Yield();
            }
        }
    }
}
