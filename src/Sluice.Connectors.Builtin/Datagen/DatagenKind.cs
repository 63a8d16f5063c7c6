namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>How datagen fills a column (<c>fields.#.kind</c>).</summary>
public enum DatagenKind
{
    /// <summary>Random values (<c>random</c>), within <c>min</c>/<c>max</c> for numbers.</summary>
    Random,

    /// <summary>Consecutive values from <c>start</c> to <c>end</c> (<c>sequence</c>); the source ends when they run out.</summary>
    Sequence,
}
