namespace Sluice.Testing.Conformance;

/// <summary>What a sink promises across failures, for <see cref="SinkConformance"/>.</summary>
public enum SinkGuarantee
{
    /// <summary>Nothing is visible before its checkpoint's commit, and every row is visible exactly once after it.</summary>
    ExactlyOnce,

    /// <summary>Every committed row is visible (possibly more than once, or already before its commit), and nothing that was never written.</summary>
    AtLeastOnce,
}
