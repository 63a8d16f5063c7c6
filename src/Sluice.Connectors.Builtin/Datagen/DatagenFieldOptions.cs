namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>The options of one datagen column (<c>fields.&lt;name&gt;.*</c>); values are SQL literals of the column's type.</summary>
public sealed record DatagenFieldOptions
{
    /// <summary><c>fields.#.kind</c>: random (default) or sequence.</summary>
    public DatagenKind Kind { get; init; }

    /// <summary><c>fields.#.min</c>: the smallest random value of a numeric column (default: the type's minimum).</summary>
    public string? Min { get; init; }

    /// <summary><c>fields.#.max</c>: the largest random value of a numeric column (default: the type's maximum).</summary>
    public string? Max { get; init; }

    /// <summary><c>fields.#.max-past</c>: random timestamps and dates lie up to this far before the source's start time.</summary>
    public TimeSpan MaxPast { get; init; }

    /// <summary><c>fields.#.length</c>: the length of random strings and bytes (default 100) or the size of collections (default 3).</summary>
    public int? Length { get; init; }

    /// <summary><c>fields.#.var-len</c>: random strings and bytes get a random length from 1 to <see cref="Length"/>.</summary>
    public bool VariableLength { get; init; }

    /// <summary><c>fields.#.start</c>: the first value of a sequence.</summary>
    public string? Start { get; init; }

    /// <summary><c>fields.#.end</c>: the last value of a sequence (inclusive).</summary>
    public string? End { get; init; }

    /// <summary><c>fields.#.null-rate</c>: the fraction of rows where the column is null (0 to 1, default 0).</summary>
    public double NullRate { get; init; }
}
