namespace Sluice.Core.Batches;

/// <summary>Helpers for <see cref="RowKind"/>.</summary>
public static class RowKindExtensions
{
    /// <summary>The largest defined <see cref="RowKind"/> value.</summary>
    public const RowKind MaxValue = RowKind.Delete;

    /// <summary>Flink's short string: <c>+I</c>, <c>-U</c>, <c>+U</c> or <c>-D</c>.</summary>
    public static string ToShortString(this RowKind kind) => kind switch
    {
        RowKind.Insert => "+I",
        RowKind.UpdateBefore => "-U",
        RowKind.UpdateAfter => "+U",
        RowKind.Delete => "-D",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown row kind."),
    };

    /// <summary>
    /// True when the row adds to the result (<c>+I</c>, <c>+U</c>), false when it retracts (<c>-U</c>, <c>-D</c>).
    /// </summary>
    public static bool IsAdditive(this RowKind kind) => kind is RowKind.Insert or RowKind.UpdateAfter;

    /// <summary>Parses a short string (<c>+I</c>, <c>-U</c>, <c>+U</c>, <c>-D</c>).</summary>
    /// <exception cref="FormatException">The text is not a short string of a row kind.</exception>
    public static RowKind ParseShortString(string text) => text switch
    {
        "+I" => RowKind.Insert,
        "-U" => RowKind.UpdateBefore,
        "+U" => RowKind.UpdateAfter,
        "-D" => RowKind.Delete,
        _ => throw new FormatException($"'{text}' is not a row kind (+I, -U, +U, -D)."),
    };
}
