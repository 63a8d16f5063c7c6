namespace Sluice.State.Keyed;

/// <summary>Which accesses refresh the last-access timestamp of a state entry with a time-to-live.</summary>
public enum TtlUpdateType
{
    /// <summary>Only creating and writing an entry refreshes it; reads do not (the default).</summary>
    OnCreateAndWrite,

    /// <summary>Reads refresh an entry too, so a value that is read regularly never expires.</summary>
    OnReadAndWrite,
}
