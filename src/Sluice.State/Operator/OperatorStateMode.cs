namespace Sluice.State.Operator;

/// <summary>How an operator list state is redistributed when the parallelism changes. Written into snapshots.</summary>
public enum OperatorStateMode : byte
{
    /// <summary>
    /// The items of all old subtasks are concatenated in subtask order, and item <c>j</c> goes to new subtask
    /// <c>j % newParallelism</c>: every item goes to exactly one subtask.
    /// </summary>
    SplitEvenly = 1,

    /// <summary>Every new subtask receives all items of all old subtasks.</summary>
    Union = 2,
}
