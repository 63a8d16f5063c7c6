using Sluice.DataStream.Broadcasting;

namespace Sluice.DataStream;

/// <summary>
/// A stream broadcast to every subtask of the operator it is connected to, with the broadcast states that operator
/// keeps (<see cref="DataStream{T}.Broadcast{TK, TV}"/>); connect another stream to it with <c>Connect</c>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class BroadcastStream<T>
{
    internal BroadcastStream(DataStream<T> stream, IReadOnlyList<BroadcastStateSpec> states)
    {
        Stream = stream;
        States = states;
    }

    internal DataStream<T> Stream { get; }

    internal IReadOnlyList<BroadcastStateSpec> States { get; }
}
