namespace Sluice.State.Keyed;

/// <summary>Whether an expired entry that was not cleaned up yet may still be returned.</summary>
public enum TtlVisibility
{
    /// <summary>An expired entry is never returned (the default).</summary>
    NeverReturnExpired,

    /// <summary>An expired entry is returned once if it is still stored when read; the read then removes it.</summary>
    ReturnExpiredIfNotCleanedUp,
}
