using Sluice.State.Operator;

namespace Sluice.DataStream.Broadcasting;

/// <summary>A broadcast state's descriptor without its key and value types: creates the state of a subtask.</summary>
internal abstract class BroadcastStateSpec
{
    public abstract string Name { get; }

    public abstract IBroadcastStateSnapshot Create(OperatorStateStore store);
}
