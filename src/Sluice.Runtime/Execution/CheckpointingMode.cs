namespace Sluice.Runtime.Execution;

/// <summary>The processing guarantee of checkpoints.</summary>
public enum CheckpointingMode
{
    /// <summary>Barriers are aligned: state reflects every record exactly once.</summary>
    ExactlyOnce,

    /// <summary>Barriers are not aligned: after a restore some records may be reflected twice.</summary>
    AtLeastOnce,
}
