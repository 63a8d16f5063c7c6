namespace Sluice.DataStream.Windowing;

/// <summary>What a <see cref="Trigger"/> decides for a window.</summary>
public enum TriggerResult
{
    /// <summary>Nothing happens.</summary>
    Continue,

    /// <summary>The window function runs on the window's contents; the contents are kept.</summary>
    Fire,

    /// <summary>The window's contents are dropped (the window itself and its trigger state remain).</summary>
    Purge,

    /// <summary>The window function runs, then the contents are dropped.</summary>
    FireAndPurge,
}
