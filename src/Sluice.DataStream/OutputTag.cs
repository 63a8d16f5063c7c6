namespace Sluice.DataStream;

/// <summary>
/// Names a side output of an operator: elements emitted with <c>context.Output(tag, value)</c> in a process function
/// (or late elements of a window) become the stream <c>GetSideOutput(tag)</c>. Tags are compared by
/// <see cref="Id"/>; an operator's tags must have distinct ids.
/// </summary>
/// <typeparam name="T">The type of the side output's elements.</typeparam>
/// <param name="Id">The tag's id, unique among the side outputs of one operator.</param>
public sealed record OutputTag<T>(string Id)
{
    /// <inheritdoc />
    public override string ToString() => $"OutputTag<{typeof(T).Name}>({Id})";
}
