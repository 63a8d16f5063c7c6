namespace Sluice.Formats.Json;

/// <summary>What the JSON encoders do with a null MAP key (<c>map-null-key.mode</c>).</summary>
internal enum MapNullKeyMode
{
    /// <summary>Fail the write.</summary>
    Fail,

    /// <summary>Leave the entry out.</summary>
    Drop,

    /// <summary>Write the key as <c>map-null-key.literal</c>.</summary>
    Literal,
}
