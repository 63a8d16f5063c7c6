using Sluice.Core.Messages;

namespace Sluice.Core.Time;

/// <summary>Where a watermark generator emits watermarks and idleness.</summary>
public interface IWatermarkOutput
{
    /// <summary>Emits a watermark; a watermark not above the last one is ignored.</summary>
    void EmitWatermark(Watermark watermark);

    /// <summary>Marks this output idle: it is left out of the downstream watermark minimum until it emits again.</summary>
    void MarkIdle();

    /// <summary>Marks this output active again.</summary>
    void MarkActive();
}
