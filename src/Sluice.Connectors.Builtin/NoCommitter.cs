using Sluice.Connectors.Abstractions.Sink;

namespace Sluice.Connectors.Builtin;

/// <summary>The committer of sinks without transactions: there is never anything to commit or abort.</summary>
internal sealed class NoCommitter : ISinkCommitter<NoCommit>
{
    public static readonly NoCommitter Instance = new();

    public void Commit(IReadOnlyList<NoCommit> committables)
    {
    }

    public void AbortLeftovers(string currentAttemptId)
    {
    }
}
