namespace Sluice.Connectors.Kafka.Sink;

/// <summary>
/// What an exactly-once Kafka sink commits for one subtask and checkpoint: the checkpoint's records themselves, so that
/// any committer (also one restored in another process) can write them in a transaction of its own. Immutable.
/// </summary>
/// <param name="Subtask">The writer's subtask.</param>
/// <param name="Parallelism">The writer's parallelism (to abort leftovers of subtasks that no longer exist).</param>
/// <param name="CheckpointId">The checkpoint whose barrier pre-committed the records.</param>
/// <param name="AttemptId">The job attempt of the writer.</param>
/// <param name="Records">The records, in write order.</param>
internal sealed record KafkaCommittable(int Subtask, int Parallelism, long CheckpointId, string AttemptId, IReadOnlyList<KafkaRecord> Records);
