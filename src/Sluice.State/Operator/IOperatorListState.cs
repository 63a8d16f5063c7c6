using Sluice.Core.Serialization;

namespace Sluice.State.Operator;

/// <summary>What the store needs from an operator list state regardless of its item type.</summary>
internal interface IOperatorListState
{
    string Name { get; }

    OperatorStateMode Mode { get; }

    object Serializer { get; }

    void Restore(OperatorStateEntry entry);

    OperatorStateEntry Snapshot(BinaryBufferWriter scratch);
}
