namespace Sluice.Core.Errors;

/// <summary>Whether the component that raised an error believes a retry can succeed.</summary>
public enum RetryHint
{
    /// <summary>Retrying will not help.</summary>
    None,

    /// <summary>Retrying after a delay may succeed.</summary>
    WithBackoff,
}
