using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>TIMESTAMPDIFF(unit, from, to)</c>: the signed number of whole units from <c>from</c> to <c>to</c> (both
/// timestamps of one kind and unit, microseconds or nanoseconds, converted by the builder), truncated toward zero, as an <c>INT</c>.
/// Calendar units (<c>MONTH</c>, <c>QUARTER</c>, <c>YEAR</c>) count the months m with <c>from + m months &lt;= to</c>
/// (Flink's <c>subtractMonths</c>; 2024-01-31 to 2024-02-29 is 1 month, since a month after January 31 is February 29);
/// time units divide the elapsed microseconds (nanoseconds).
/// </summary>
internal sealed class TimestampDiffKernel(Kernel from, Kernel to, long monthsPerUnit, long microsPerUnit, DataType type) : BinaryKernel(from, to, type)
{
    private readonly long _monthsPerUnit = monthsPerUnit;
    private readonly long _microsPerUnit = microsPerUnit;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        ReadOnlySpan<long> from = ((PrimitiveVector<long>)leftVector).Values;
        ReadOnlySpan<long> to = ((PrimitiveVector<long>)rightVector).Values;
        var nulls = NullMasks.Union(rows, leftVector, rightVector);
        var result = PrimitiveVector<int>.Allocate(Type, rows);
        var target = result.Values;
        var sourceType = leftVector.DataType;
        var unitsPerMicro = TimestampUnit.UnitsPerMicro(sourceType);
        var perUnit = _microsPerUnit * unitsPerMicro;
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                continue;
            }

            target[i] = _monthsPerUnit > 0
                ? unchecked((int)(Civil.MonthsBetween(TimestampUnit.ToMicros(from[i], sourceType), TimestampUnit.ToMicros(to[i], sourceType)) / _monthsPerUnit))
                : unchecked((int)(((Int128)to[i] - from[i]) / perUnit));
        }

        if (nulls is not null)
        {
            NullMasks.Apply(result, nulls);
        }

        return result;
    }
}
