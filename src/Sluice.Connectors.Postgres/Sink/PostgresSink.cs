using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Sink;

/// <summary>
/// Writes a table's changelog into a PostgreSQL table: plain inserts (binary COPY) without a primary key, upserts
/// (<c>INSERT ... ON CONFLICT (pk) DO UPDATE</c>) and deletes by key with one.
/// </summary>
/// <remarks>
/// <para><b>At-least-once</b> (default): buffered rows are written in a transaction of their own when the buffer
/// is full, when it is older than the flush interval at the next write, and at every checkpoint barrier. No
/// committables.</para>
/// <para><b>Exactly-once</b>: every write between two barriers goes into one transaction, which is prepared
/// (<c>PREPARE TRANSACTION</c>) at the barrier; its global id <c>prefix:subtask:attempt:checkpoint</c> is the
/// committable, committed with <c>COMMIT PREPARED</c> when the checkpoint completes. After a restore the restored
/// ids are committed if still prepared and skipped if already committed, and prepared transactions of other
/// attempts with this sink's prefix are rolled back.</para>
/// </remarks>
internal sealed class PostgresSink(PostgresSinkOptions options) : ISink<string>
{
    public PostgresSinkOptions Options => options;

    public ITypeSerializer<string> CommittableSerializer => Serializers.String;

    public ISinkWriter<string> CreateWriter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PostgresSinkWriter(options, context);
    }

    public ISinkCommitter<string> CreateCommitter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PostgresSinkCommitter(options, context.TimeProvider);
    }

    /// <summary>The global transaction id of a writer's transaction for a checkpoint.</summary>
    public static string TransactionId(string prefix, int subtask, string attemptId, long checkpointId) =>
        $"{prefix}:{subtask}:{attemptId}:{checkpointId}";

    /// <summary>The attempt of a transaction id of this prefix, or null when it is not one.</summary>
    public static string? AttemptOf(string gid, string prefix)
    {
        if (!gid.StartsWith(prefix + ":", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = gid[(prefix.Length + 1)..].Split(':');
        return parts.Length == 3 ? parts[1] : null;
    }
}
