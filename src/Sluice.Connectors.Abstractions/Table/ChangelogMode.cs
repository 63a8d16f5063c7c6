using Sluice.Core.Batches;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// The set of row kinds a source produces or a sink consumes (Flink's <c>ChangelogMode</c>): insert-only,
/// upsert (<c>+I</c>, <c>+U</c>, <c>-D</c>; updates replace the row with the same primary key) or retract / all
/// (<c>+I</c>, <c>-U</c>, <c>+U</c>, <c>-D</c>). Immutable, compares by value, thread-safe.
/// </summary>
public sealed class ChangelogMode : IEquatable<ChangelogMode>
{
    private readonly int _mask;

    private ChangelogMode(int mask)
    {
        _mask = mask;
    }

    /// <summary>Only <c>+I</c>: an append-only stream.</summary>
    public static ChangelogMode InsertOnly { get; } = Of(RowKind.Insert);

    /// <summary><c>+I</c>, <c>+U</c>, <c>-D</c>: updates and deletes by primary key, without the previous row.</summary>
    public static ChangelogMode Upsert { get; } = Of(RowKind.Insert, RowKind.UpdateAfter, RowKind.Delete);

    /// <summary>Every kind: <c>+I</c>, <c>-U</c>, <c>+U</c>, <c>-D</c> (a retract stream).</summary>
    public static ChangelogMode All { get; } = Of(RowKind.Insert, RowKind.UpdateBefore, RowKind.UpdateAfter, RowKind.Delete);

    /// <summary>True when only inserts are contained.</summary>
    public bool IsInsertOnly => _mask == 1 << (int)RowKind.Insert;

    /// <summary>True when updates come without their previous row (<c>+U</c> without <c>-U</c>): a key is needed.</summary>
    public bool IsUpsert => Contains(RowKind.UpdateAfter) && !Contains(RowKind.UpdateBefore);

    /// <summary>The contained kinds, in <see cref="RowKind"/> order.</summary>
    public IReadOnlyList<RowKind> Kinds =>
        [.. Enum.GetValues<RowKind>().Where(Contains)];

    /// <summary>Equality operator (value equality).</summary>
    public static bool operator ==(ChangelogMode? left, ChangelogMode? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality operator (value equality).</summary>
    public static bool operator !=(ChangelogMode? left, ChangelogMode? right) => !(left == right);

    /// <summary>The mode of exactly <paramref name="kinds"/>.</summary>
    /// <exception cref="ArgumentException">No kind was given.</exception>
    public static ChangelogMode Of(params RowKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Length == 0)
        {
            throw new ArgumentException("A changelog mode contains at least one row kind.", nameof(kinds));
        }

        var mask = 0;
        foreach (var kind in kinds)
        {
            if (kind > RowKindExtensions.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(kinds), kind, "Unknown row kind.");
            }

            mask |= 1 << (int)kind;
        }

        return new ChangelogMode(mask);
    }

    /// <summary>True when <paramref name="kind"/> is contained.</summary>
    public bool Contains(RowKind kind) => (_mask & (1 << (int)kind)) != 0;

    /// <summary>
    /// True when a sink of this mode can consume a stream of <paramref name="input"/>'s mode: every input kind is
    /// contained, except that an upsert sink drops <c>-U</c> rows (the <c>+U</c> that follows replaces the row).
    /// </summary>
    public bool Accepts(ChangelogMode input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var missing = input._mask & ~_mask;
        if (IsUpsert)
        {
            missing &= ~(1 << (int)RowKind.UpdateBefore);
        }

        return missing == 0;
    }

    /// <inheritdoc />
    public bool Equals(ChangelogMode? other) => other is not null && other._mask == _mask;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChangelogMode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _mask;

    /// <summary>The kinds as Flink's EXPLAIN prints them, e.g. <c>[I,UB,UA,D]</c>.</summary>
    public override string ToString() =>
        "[" + string.Join(',', Kinds.Select(k => k switch
        {
            RowKind.Insert => "I",
            RowKind.UpdateBefore => "UB",
            RowKind.UpdateAfter => "UA",
            _ => "D",
        })) + "]";
}
