namespace Sluice.Connectors.Abstractions.Source;

/// <summary>Whether a source ends by itself.</summary>
public enum Boundedness
{
    /// <summary>The source ends after a finite input; the job then finishes.</summary>
    Bounded,

    /// <summary>The source runs until the job is stopped.</summary>
    Unbounded,
}
