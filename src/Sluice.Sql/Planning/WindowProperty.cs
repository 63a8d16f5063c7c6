namespace Sluice.Sql.Planning;

/// <summary>
/// Which column of a window table function a column carries through plain references: an aggregation grouped by
/// both <c>window_start</c> and <c>window_end</c> is a window aggregation, which keeps <c>window_time</c> a time
/// attribute (Flink's window properties).
/// </summary>
public enum WindowProperty
{
    /// <summary>Not a window column.</summary>
    None,

    /// <summary><c>window_start</c>.</summary>
    WindowStart,

    /// <summary><c>window_end</c>.</summary>
    WindowEnd,

    /// <summary><c>window_time</c>.</summary>
    WindowTime,
}
