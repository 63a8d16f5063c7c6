namespace Sluice.Core.Batches;

/// <summary>
/// The kind of change a row describes in a changelog, as in Flink. The byte values are persisted in the batch
/// encoding and match Flink's: never renumber. See <see cref="RowKindExtensions"/> for the short strings.
/// </summary>
public enum RowKind : byte
{
    /// <summary>An inserted row (<c>+I</c>).</summary>
    Insert = 0,

    /// <summary>The previous content of an updated row (<c>-U</c>); always followed by <see cref="UpdateAfter"/>.</summary>
    UpdateBefore = 1,

    /// <summary>The new content of an updated row (<c>+U</c>).</summary>
    UpdateAfter = 2,

    /// <summary>A deleted row (<c>-D</c>).</summary>
    Delete = 3,
}
