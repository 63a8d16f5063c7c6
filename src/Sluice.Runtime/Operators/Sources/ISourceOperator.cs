using Sluice.Connectors.Abstractions.Source;

namespace Sluice.Runtime.Operators.Sources;

/// <summary>The head operator of a source task: polled by the task instead of fed from channels.</summary>
public interface ISourceOperator
{
    /// <summary>Emits what the source has available.</summary>
    InputStatus PollNext(IOutput output);

    /// <summary>Called every auto-watermark interval: emits the source's watermark if it advanced.</summary>
    void EmitPeriodicWatermark(IOutput output);

    /// <summary>Set by the task: told when the source becomes idle (true) or active (false).</summary>
    Action<bool>? IdleStatusChanged { get; set; }
}
