namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>The notion of time a time-bounded join (<see cref="IntervalJoinOperator"/>) works in.</summary>
public enum JoinTimeDomain
{
    /// <summary>Row time: each row's time attribute column; state is cleaned up as the watermark advances.</summary>
    EventTime,

    /// <summary>Processing time: the operator's clock when a row arrives; state is cleaned up by processing-time timers.</summary>
    ProcessingTime,
}
