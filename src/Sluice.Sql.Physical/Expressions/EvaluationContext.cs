namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// The state one compiled expression shares between its kernels: the environment, the session time zone's rules and
/// the clock and watermark readings of the batch being evaluated (read at most once per batch, so every row of a batch
/// sees the same <c>CURRENT_TIMESTAMP</c> and <c>CURRENT_WATERMARK</c>). Owned by one <see cref="CompiledExpression"/>; not thread-safe.
/// </summary>
internal sealed class EvaluationContext
{
    private long _nowMicros;
    private bool _nowRead;
    private long _watermark;
    private bool _watermarkRead;

    public EvaluationContext(ExpressionEnvironment environment)
    {
        Environment = environment;
        Zone = new TimeZoneRules(environment.SessionTimeZone);
    }

    public ExpressionEnvironment Environment { get; }

    /// <summary>The session time zone.</summary>
    public TimeZoneRules Zone { get; }

    /// <summary>The clock's instant for the current batch, in epoch microseconds truncated to milliseconds.</summary>
    public long NowMicros
    {
        get
        {
            if (!_nowRead)
            {
                var now = Environment.Clock.GetUtcNow();
                _nowMicros = now.ToUnixTimeMilliseconds() * 1000;
                _nowRead = true;
            }

            return _nowMicros;
        }
    }

    /// <summary>The operator's current watermark for the current batch (read from <paramref name="source"/> once per batch).</summary>
    public long Watermark(Func<long> source)
    {
        if (!_watermarkRead)
        {
            _watermark = source();
            _watermarkRead = true;
        }

        return _watermark;
    }

    /// <summary>Starts a batch: the next <see cref="NowMicros"/> reads the clock again, the next <see cref="Watermark"/> the watermark.</summary>
    public void BeginBatch()
    {
        _nowRead = false;
        _watermarkRead = false;
    }
}
