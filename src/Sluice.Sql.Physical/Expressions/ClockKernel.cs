using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// The current time from the environment's clock (<see cref="ExpressionEnvironment.Clock"/>), read once per evaluated
/// batch (so all rows of a batch agree, and the operator's injected clock makes tests deterministic), at millisecond
/// precision.
/// </summary>
internal sealed class ClockKernel(ClockReading reading, DataType type) : Kernel(type)
{
    private readonly ClockReading _reading = reading;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var rows = frame.Count;
        var context = frame.Context;
        var now = context.NowMicros;
        var local = context.Zone.ToLocal(now);
        if (_reading == ClockReading.Date)
        {
            var dates = PrimitiveVector<int>.Allocate(Type, rows);
            dates.Values.Fill(Civil.DayOf(local));
            return dates;
        }

        var value = _reading switch
        {
            ClockReading.Instant => now,
            ClockReading.LocalTimestamp => local,
            ClockReading.Time => Civil.TimeOfDay(local) / Civil.MicrosPerSecond * Civil.MicrosPerSecond,
            _ => Civil.FloorDiv(now, Civil.MicrosPerSecond),
        };
        var result = PrimitiveVector<long>.Allocate(Type, rows);
        result.Values.Fill(value);
        return result;
    }
}
