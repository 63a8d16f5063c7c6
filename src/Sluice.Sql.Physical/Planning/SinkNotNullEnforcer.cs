namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// What happens to a row with a null in a <c>NOT NULL</c> column of its sink (<c>table.exec.sink.not-null-enforcer</c>,
/// as in Flink).
/// </summary>
public enum SinkNotNullEnforcer
{
    /// <summary><c>ERROR</c> (the default): the job fails, naming the table and the column.</summary>
    Error,

    /// <summary><c>DROP</c>: the row is dropped silently.</summary>
    Drop,
}
