namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// When a sink with a primary key gets a <see cref="Operators.Sinks.SinkUpsertMaterializeOperator"/> before it
/// (<c>table.exec.sink.upsert-materialize</c>, as in Flink).
/// </summary>
public enum SinkUpsertMaterialize
{
    /// <summary>
    /// <c>AUTO</c> (the default): when the query produces updates and its upsert key is unknown or not the sink's
    /// primary key, so that the changes of one sink key could otherwise arrive out of order or leave stale rows.
    /// </summary>
    Auto,

    /// <summary><c>NONE</c>: never; the changes reach the sink as the query produces them.</summary>
    None,

    /// <summary><c>FORCE</c>: whenever the query produces updates into a sink with a primary key.</summary>
    Force,
}
