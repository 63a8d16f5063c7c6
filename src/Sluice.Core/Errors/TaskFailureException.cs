namespace Sluice.Core.Errors;

/// <summary>
/// Wraps a failure inside a running task with the operator and subtask where it happened, so that the
/// report names the place (like Arroyo's <c>WithOperator</c>).
/// </summary>
public sealed class TaskFailureException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    public TaskFailureException(string operatorId, int subtaskIndex, Exception innerException)
        : base($"Operator '{operatorId}' (subtask {subtaskIndex}) failed: {innerException.Message}",
            (innerException as SluiceException)?.Domain ?? ErrorDomain.User,
            (innerException as SluiceException)?.Retry ?? RetryHint.WithBackoff,
            innerException)
    {
        OperatorId = operatorId;
        SubtaskIndex = subtaskIndex;
    }

    /// <summary>The stable id of the operator that failed.</summary>
    public string OperatorId { get; }

    /// <summary>The subtask index that failed.</summary>
    public int SubtaskIndex { get; }
}
