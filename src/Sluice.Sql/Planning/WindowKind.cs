namespace Sluice.Sql.Planning;

/// <summary>The windowing table function of a <see cref="WindowTableFunction"/> node.</summary>
public enum WindowKind
{
    /// <summary>Fixed-size, non-overlapping windows.</summary>
    Tumble,

    /// <summary>Fixed-size windows that start every slide (sliding windows).</summary>
    Hop,

    /// <summary>Windows that grow by a step up to a maximum size, then start again.</summary>
    Cumulate,

    /// <summary>Windows of activity separated by gaps of inactivity, per partition key.</summary>
    Session,
}
